// Chinese validation messages for Camunda Forms in Tasklist (loaded through config.js customScripts).
// form-js 1.x, bundled with Tasklist 7.24, has no message translations: it writes its English
// messages into the form. This module rewrites them in place whenever a form shows them, unless
// the browser prefers English (then Tasklist itself is in English too).
const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项，请填写。'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => `至少需要填写 ${m[1]} 个字。`],
  [/^Field must have maximum length of (\d+)\.$/, (m) => `最多只能填写 ${m[1]} 个字。`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}。`],
  [/^Field must match pattern (.+)\.$/, (m) => `格式不正确，须符合：${m[1]}。`],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱地址。'],
  [/^Field must be a valid\s+international phone number\..*$/, () => '请填写有效的电话号码（含国际区号，如 +8657188888888）。'],
  [/^Select$/, () => '请选择'],
  [/^Search$/, () => '搜索']
];

function prefersEnglish() {
  const languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  return String(languages[0] || '').toLowerCase().startsWith('en');
}

function translate(node) {
  const text = node.nodeValue && node.nodeValue.trim();
  if (!text) {
    return;
  }
  for (const [pattern, message] of MESSAGES) {
    const match = text.match(pattern);
    if (match) {
      node.nodeValue = message(match);
      return;
    }
  }
}

function translateWithin(root) {
  if (root.nodeType === Node.TEXT_NODE) {
    if (root.parentElement && root.parentElement.closest('.fjs-form')) {
      translate(root);
    }
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  const forms = root.closest && root.closest('.fjs-form') ? [root] : root.querySelectorAll('.fjs-form');
  forms.forEach((form) => {
    const walker = document.createTreeWalker(form, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      translate(node);
    }
    form.querySelectorAll('input[placeholder]').forEach((input) => {
      if (input.placeholder === 'Search') {
        input.placeholder = '搜索';
      }
    });
  });
}

if (!prefersEnglish()) {
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') {
        translateWithin(mutation.target);
      } else {
        mutation.addedNodes.forEach(translateWithin);
      }
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

export default {};
