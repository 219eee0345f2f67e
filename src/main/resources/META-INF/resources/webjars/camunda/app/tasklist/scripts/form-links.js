// Links in a task's form (台账记录, 附件, 申请延期, 流程监控) open in a new browser tab, so the form
// stays as the user left it - half-filled fields included - while a file is uploaded or the ledger
// is read. Loaded through config.js customScripts.
function openInNewTab(root) {
  if (root.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  const links = root.matches('.fjs-form a[href]') ? [root] : root.querySelectorAll('.fjs-form a[href]');
  links.forEach((link) => {
    if (link.origin === window.location.origin && link.target !== '_blank') {
      link.target = '_blank';
      link.rel = 'noopener';
    }
  });
}

new MutationObserver((mutations) => {
  mutations.forEach((mutation) => mutation.addedNodes.forEach(openInNewTab));
}).observe(document.body, { childList: true, subtree: true });

export default {};
