// What the webapps of 改革任务督办平台 share, imported by each app's scripts/config.js (which the
// webapps load as a module before they start).
const PRODUCT = '改革任务督办平台';

// The webapps load the preferred and the fallback locale, and the one loaded last sets the language
// of relative dates ("3 天后"): the fallback equals the browser's choice, so only one is loaded.
// English for browsers that prefer it; Chinese for everyone else.
const FIRST_LANGUAGE = (navigator.languages && navigator.languages[0]) || navigator.language || '';

export const LOCALES = {
  availableLocales: ['zh', 'en'],
  fallbackLocale: FIRST_LANGUAGE.toLowerCase().startsWith('en') ? 'en' : 'zh'
};

/**
 * The app's name and vendor for the header, and the browser tab's title: pages that add their own
 * title (Cockpit's " | 仪表板") build on the one set here.
 */
export function product(appName) {
  document.title = PRODUCT + '｜' + appName;
  return { name: appName, vendor: PRODUCT };
}

// --- What every app shows, touched up in the page ------------------------------------------------
// A few texts of the webapps are written into their templates instead of the locales, and some show
// ids where people read names. This module runs in every app (config.js imports it), before the app
// starts, and keeps those places right as the app renders them.

const CHINESE = LOCALES.fallbackLocale === 'zh';
const WELCOME = '/camunda/app/welcome/default/';
const LEDGER = '/ledger/index.html';
const DASHBOARD = '/dashboard/index.html';

function onBody(start) {
  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start);
  }
}

const names = new Map();

/** A user's name as the webapps show it ("张伟 市发展改革委"), or the id when there is none. */
export function userName(userId) {
  if (!names.has(userId)) {
    names.set(userId, fetch('/camunda/api/engine/engine/default/user/' + encodeURIComponent(userId) + '/profile', {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then((response) => (response.ok ? response.json() : null))
      .then((profile) => (profile && [profile.firstName, profile.lastName].filter(Boolean).join(' ')) || userId)
      .catch(() => userId));
  }
  return names.get(userId);
}

/** Shows the name of the user whose id the element holds; the id stays in its title. */
function nameInstead(element) {
  const id = element.textContent.trim();
  if (!id || element.dataset.reformUserId === id || element.dataset.reformName === id) {
    return;
  }
  element.dataset.reformUserId = id;
  userName(id).then((name) => {
    if (element.dataset.reformUserId === id && name !== id) {
      element.dataset.reformName = name;
      element.textContent = name;
      element.title = id;
    }
  });
}

/** The labels of Tasklist's history entries whose value is a user id (办理人, 所有人). */
const USER_PROPERTIES = ['办理人', '所有人', 'assignee', 'owner', 'Assignee', 'Owner'];

/** Example values the webapps' forms show in English. */
const PLACEHOLDERS = {
  Jonny: '如：张伟',
  Prosciutto: '如：市发展改革委',
  'j.prosciutto@acme.org': '如：zhangwei@example.gov.cn',
  varName: '变量名'
};

function touchUp(root) {
  // the login page: the product's name instead of the Camunda logo
  root.querySelectorAll('.login-logo:not(.reform-brand)').forEach((logo) => {
    logo.classList.add('reform-brand');
    logo.textContent = PRODUCT;
  });
  // the header: a way back to the home page, the ledger and the dashboard, from every app
  root.querySelectorAll('[cam-widget-header] .navbar-header').forEach((header) => {
    if (header.querySelector('.reform-home')) {
      return;
    }
    const nav = document.createElement('span');
    nav.className = 'reform-home';
    if (!location.pathname.startsWith('/camunda/app/welcome/')) {
      nav.append(link(WELCOME, CHINESE ? '首页' : 'Home'));
    }
    nav.append(link(LEDGER, CHINESE ? '改革任务台账' : 'Task ledger'));
    nav.append(link(DASHBOARD, CHINESE ? '督查督办驾驶舱' : 'Dashboard'));
    header.append(nav);
  });
  if (!CHINESE) {
    return;
  }
  // Cockpit's variable tables: the actions column
  root.querySelectorAll('thead td.actions').forEach((cell) => {
    if (cell.textContent.trim() === 'Actions') {
      cell.textContent = '操作';
    }
  });
  // Cockpit's instance page: a top-level instance has no parent instance
  root.querySelectorAll('dd.super-process-instance-id .null-value').forEach((value) => {
    if (value.textContent.trim() === 'null') {
      value.textContent = '无';
    }
  });
  // the welcome page's profile form: examples of a Chinese user, not "Jonny Prosciutto"
  Object.entries(PLACEHOLDERS).forEach(([english, chinese]) => {
    root.querySelectorAll('input[placeholder="' + english + '"]').forEach((input) => {
      input.placeholder = chinese;
    });
  });
  // Tasklist's history: who did it, and to whom a task was assigned
  root.querySelectorAll('.history-pane .operation-user').forEach(nameInstead);
  root.querySelectorAll('.history-pane .event-body .line').forEach((line) => {
    const property = line.querySelector('.event-property');
    if (property && USER_PROPERTIES.includes(property.textContent.trim())) {
      line.querySelectorAll('.new-value span, .original-value span').forEach(nameInstead);
    }
  });
}

function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

onBody(() => {
  let scheduled = false;
  const run = () => {
    scheduled = false;
    touchUp(document);
  };
  new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(run);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  run();
});
