// Links in a task's form (台账记录, 附件, 申请延期, 流程监控) open in a new browser tab, so the form
// stays as the user left it - half-filled fields included - while a file is uploaded or the ledger
// is read. Loaded through config.js customScripts. The attachments page (same origin) keeps a reference
// to this tab (rel=opener): its 返回任务办理 closes it and brings this form back instead of opening a
// second Tasklist.
function openInNewTab(root) {
  if (root.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  const links = root.matches('.fjs-form a[href]') ? [root] : root.querySelectorAll('.fjs-form a[href]');
  links.forEach((link) => {
    if (link.origin === window.location.origin && link.target !== '_blank') {
      link.target = '_blank';
      link.rel = link.pathname === '/ledger/attachments.html' ? 'opener' : 'noopener';
    }
  });
}

new MutationObserver((mutations) => {
  mutations.forEach((mutation) => mutation.addedNodes.forEach(openInNewTab));
}).observe(document.body, { childList: true, subtree: true });

export default {};
