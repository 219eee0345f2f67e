// 改革任务台账: shared helpers (window.ReformLedger), the chrome of the ledger pages and the list page
// (index.html). Each page has its <header> title and its content; this script adds the navigation and, at
// the top of <main>, the login notice and the message box before the page's own script runs.
// Calls the server with the Camunda webapp login of this browser; every call sends X-Requested-With, which
// /api requires of writes and which makes a 401 come without a Basic challenge (no password dialog).
// Times are shown in China time whatever the browser's time zone.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);

  /** Lifecycle order of the stages (Stage.java); labels come from the server. */
  const STAGE_ORDER = ['AWAITING_ASSIGNMENT', 'DRAFTING', 'APPROVAL', 'IMPLEMENTATION', 'CLOSE_OUT_REVIEW', 'CLOSED'];

  const OFFLINE = '无法连接服务器，请检查网络后重试。';
  const OFFLINE_LOADING = '无法连接服务器，请检查网络后刷新本页。';
  const EXPIRED = '登录已过期，请重新登录后刷新本页。';

  // --- page chrome -------------------------------------------------------------------------------

  const NAV = `<nav>
    <a id="nav-home" href="/camunda/app/welcome/default/">首页</a>
    <a id="nav-ledger" href="/ledger/index.html">改革任务台账</a>
    <a href="/camunda/app/tasklist/default/">任务办理</a>
    <a id="nav-cockpit" href="/camunda/app/cockpit/default/" hidden>流程监控</a>
  </nav>`;
  const NOTICES = `<div id="login" class="notice error" hidden>
    请先登录：<a href="/camunda/app/welcome/default/">打开首页登录</a>，登录后刷新本页。
  </div>
  <div id="message" class="notice error" role="alert" hidden></div>
  `;
  document.querySelector('body > header').insertAdjacentHTML('beforeend', NAV);
  if (!document.querySelector('link[rel~="icon"]')) {
    document.head.insertAdjacentHTML('beforeend', '<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
  }
  document.querySelector('main').insertAdjacentHTML('afterbegin', NOTICES);

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  /** A table cell with the text, or a greyed — when there is none. */
  function cell(text, className) {
    return el('td', text ? text : '—', (className || '') + (text ? '' : ' none'));
  }

  /** Shows the text in the element, or hides the element when there is none. */
  function show(id, text) {
    $(id).textContent = text || '';
    $(id).hidden = !text;
  }

  /** A parameter of the page's address, trimmed; '' when absent. */
  function param(name) {
    return (new URLSearchParams(location.search).get(name) || '').trim();
  }

  class Unauthenticated extends Error {
    constructor() { super('unauthenticated'); }
  }

  function showLoginNotice() {
    $('login').hidden = false;
    $('loading').hidden = true;
  }

  function showLogin() {
    showLoginNotice();
    throw new Unauthenticated();
  }

  function showError(text) {
    show('message', text);
    $('loading').hidden = true;
  }

  // --- calls -------------------------------------------------------------------------------------

  /**
   * A call to the server: {ok, status, data} with the JSON (or problem+json) answer parsed; a network failure
   * is status 0, a 401 also shows the login notice. The body is sent as JSON, or as it is (a file) when its
   * content type is given.
   */
  async function request(method, path, body, contentType) {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      if (!contentType) body = JSON.stringify(body);
    }
    let response;
    let text;
    try {
      response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
      text = await response.text();
    } catch (e) {
      return { ok: false, status: 0, data: null };
    }
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (response.status === 401) showLoginNotice();
    return { ok: response.ok, status: response.status, data };
  }

  /** The server's Chinese message of a failed call (ProblemDetail: detail; Camunda: message), or null. */
  function serverMessage(result) {
    const d = result.data || {};
    return d.detail || d.message || null;
  }

  /** The problem the server answered with, or a generic message with the HTTP status. */
  function problemText(result) {
    return serverMessage(result) || ('请求失败（HTTP ' + result.status + '），请稍后重试。');
  }

  /** The Chinese message of a failed call made after the page has loaded (a write, a refresh). */
  function failure(result) {
    if (result.status === 0) return OFFLINE;
    if (result.status === 401) return EXPIRED;
    return problemText(result);
  }

  /** GET on the platform's /api: the data, or an Error with the server's Chinese message. */
  async function api(path) {
    const result = await request('GET', path);
    if (result.status === 0) throw new Error(OFFLINE_LOADING);
    if (result.status === 401) throw new Unauthenticated();
    if (!result.ok) {
      const error = new Error(problemText(result));
      error.status = result.status;
      throw error;
    }
    return result.data;
  }

  const names = new Map();

  /** A user's display name, e.g. "张伟 市发展改革委", from the webapp's engine API; the id if unknown. */
  function userName(userId) {
    if (!userId) return Promise.resolve('');
    if (!names.has(userId)) {
      const path = '/camunda/api/engine/engine/default/user/' + encodeURIComponent(userId) + '/profile';
      names.set(userId, request('GET', path)
        .then((result) => {
          const p = result.ok && result.data;
          const name = p ? [p.firstName, p.lastName].filter(Boolean).join(' ') : '';
          return name || userId;
        }));
    }
    return names.get(userId);
  }

  /**
   * Who is logged into the Camunda webapps of this browser ({userId, authorizedApps}); the webapp answers
   * 404 when nobody is, while /api's 401 would make the browser open its own password dialog.
   */
  async function checkLogin() {
    const result = await request('GET', '/camunda/api/admin/auth/user/default');
    if (result.status === 0) throw new Error(OFFLINE_LOADING);
    if (!result.ok || !result.data || !result.data.userId) showLogin();
    const user = result.data;
    user.canUseCockpit = (user.authorizedApps || []).includes('cockpit');
    const nav = $('nav-cockpit');
    if (nav) nav.hidden = !user.canUseCockpit;
    userName(user.userId).then((name) => { $('user').textContent = '当前用户：' + name; });
    return user;
  }

  const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });

  /** An instant (ISO 8601 with offset) as China time: 2026-03-31 09:00. */
  function chinaDateTime(isoInstant) {
    if (!isoInstant) return '';
    const date = new Date(isoInstant);
    if (isNaN(date.getTime())) return isoInstant;
    const p = {};
    CHINA_TIME.formatToParts(date).forEach((part) => { p[part.type] = part.value; });
    return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute;
  }

  /** A calendar date (yyyy-MM-dd, no zone) as 2026年3月31日; left as it is when not such a date. */
  function chineseDate(isoDate) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || '');
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : (isoDate || '');
  }

  function partyNames(parties) {
    return (parties || []).map((p) => p.name || p.id).join('、');
  }

  function stageRank(stage) {
    const i = STAGE_ORDER.indexOf(stage);
    return i < 0 ? STAGE_ORDER.length : i;
  }

  function stageBadge(task) {
    return el('span', task.stageLabel || task.stage || '—', 'stage stage-' + (task.stage || 'UNKNOWN'));
  }

  function entryUrl(code) {
    return 'task.html?code=' + encodeURIComponent(code);
  }

  function report(error) {
    if (!(error instanceof Unauthenticated)) showError(error.message);
  }

  /** Points the header's back link (#entry-link) at the reform task's ledger entry. */
  function linkEntry(code) {
    $('entry-link').href = entryUrl(code);
    $('entry-link').textContent = '← 返回台账记录（' + code + '）';
  }

  window.ReformLedger = {
    $, el, cell, show, param, request, api, failure, serverMessage, checkLogin, userName, chinaDateTime, chineseDate,
    partyNames, stageBadge, entryUrl, linkEntry, report, showError
  };

  // --- list page ---------------------------------------------------------------------------------

  if (!$('ledger-table')) return;

  const state = { tasks: [], ascending: true };
  const compareCodes = (a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true });

  function link(text, code) {
    const a = el('a', text);
    a.href = entryUrl(code);
    return a;
  }

  function haystack(task) {
    return [task.code, task.category, task.title, task.stageLabel, partyNames(task.leaders),
      partyNames(task.leadUnits), partyNames(task.coopUnits)].join(' ').toLowerCase();
  }

  function fillStages() {
    const counts = new Map();
    state.tasks.forEach((t) => {
      const entry = counts.get(t.stage) || { label: t.stageLabel || t.stage, count: 0 };
      entry.count++;
      counts.set(t.stage, entry);
    });
    const select = $('stage');
    const wanted = select.value || new URLSearchParams(location.search).get('stage') || '';
    select.length = 1;
    [...counts.keys()].sort((a, b) => stageRank(a) - stageRank(b)).forEach((stage) => {
      const option = el('option', counts.get(stage).label + '（' + counts.get(stage).count + '）');
      option.value = stage;
      select.appendChild(option);
    });
    select.value = counts.has(wanted) ? wanted : '';
  }

  function render() {
    const terms = $('search').value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const stage = $('stage').value;
    const shown = state.tasks
      .filter((t) => !stage || t.stage === stage)
      .filter((t) => { const h = haystack(t); return terms.every((term) => h.includes(term)); })
      .sort((a, b) => (state.ascending ? 1 : -1) * compareCodes(a, b));

    const tbody = $('tasks');
    tbody.textContent = '';
    shown.forEach((task) => {
      const tr = el('tr');
      tr.dataset.code = task.code;
      const code = el('td', null, 'code');
      code.appendChild(link(task.code, task.code));
      tr.appendChild(code);
      tr.appendChild(cell(task.category));
      const title = el('td', null, 'title');
      title.appendChild(link(task.title, task.code));
      tr.appendChild(title);
      tr.appendChild(cell(partyNames(task.leaders)));
      tr.appendChild(cell(partyNames(task.leadUnits)));
      tr.appendChild(cell(partyNames(task.coopUnits)));
      tr.appendChild(cell(task.deadline, 'date'));
      const stageCell = el('td');
      stageCell.appendChild(stageBadge(task));
      tr.appendChild(stageCell);
      tbody.appendChild(tr);
    });

    $('ledger-table').hidden = shown.length === 0;
    const empty = $('empty');
    empty.hidden = shown.length > 0;
    empty.textContent = state.tasks.length === 0
      ? '暂无您可查看的改革任务。市委改革办创建或导入任务，并将您或您所在单位列为领衔领导、牵头单位或协同单位后，任务将显示在这里。'
      : '没有符合条件的改革任务，请修改搜索内容或环节筛选。';
    $('count').textContent = shown.length === state.tasks.length
      ? '共 ' + state.tasks.length + ' 项'
      : '共 ' + state.tasks.length + ' 项，显示 ' + shown.length + ' 项';
    $('sort-mark').textContent = state.ascending ? '▲' : '▼';

    const params = new URLSearchParams();
    if ($('search').value.trim()) params.set('q', $('search').value.trim());
    if (stage) params.set('stage', stage);
    if (!state.ascending) params.set('sort', 'desc');
    const query = params.toString();
    history.replaceState(null, '', query ? '?' + query : location.pathname);
  }

  const params = new URLSearchParams(location.search);
  $('search').value = params.get('q') || '';
  state.ascending = params.get('sort') !== 'desc';
  $('search').addEventListener('input', render);
  $('stage').addEventListener('change', render);
  $('sort-code').addEventListener('click', () => { state.ascending = !state.ascending; render(); });

  checkLogin()
    .then(() => api('/api/tasks'))
    .then((tasks) => {
      state.tasks = tasks || [];
      $('loading').hidden = true;
      $('ledger').hidden = false;
      fillStages();
      render();
    })
    .catch((error) => {
      if (!(error instanceof Unauthenticated)) showError('改革任务台账加载失败：' + error.message);
    });
})();
