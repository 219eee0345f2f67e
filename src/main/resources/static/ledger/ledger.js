// 改革任务台账: shared helpers (window.ReformLedger), the chrome of the ledger pages and the list page
// (index.html: the ledger of GET /api/ledger with its filters, lights, sort and pages). Each page has its
// <header> title and its content; this script adds the navigation and, at the top of <main>, the login notice
// and the message box before the page's own script runs.
// Calls the server with the Camunda webapp login of this browser; every call sends X-Requested-With, which
// /api requires of writes and which makes a 401 come without a Basic challenge (no password dialog).
// Times are shown in China time whatever the browser's time zone.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);

  const OFFLINE = '无法连接服务器，请检查网络后重试。';
  const OFFLINE_LOADING = '无法连接服务器，请检查网络后刷新本页。';
  const EXPIRED = '登录已过期，请重新登录后刷新本页。';

  // --- page chrome -------------------------------------------------------------------------------

  const NAV = `<nav>
    <a id="nav-home" href="/camunda/app/welcome/default/">首页</a>
    <a id="nav-ledger" href="/ledger/index.html">改革任务台账</a>
    <a id="nav-dashboard" href="/dashboard/index.html">督查督办驾驶舱</a>
    <a id="nav-scores" href="/scores/index.html">单位考核</a>
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

  // --- list page: the ledger (工作台账) of GET /api/ledger --------------------------------------------
  // Filters, sort and page are kept in the page's address with the names and values of GET /api/ledger
  // (page 0-based), so that a link shows the same view and the export gets the same query.

  if (!$('ledger-table')) return;

  const LIGHTS = [['RED', '红灯'], ['YELLOW', '黄灯'], ['GREEN', '绿灯'], ['CLOSED', '已销号'], ['UNASSIGNED', '待分配']];
  /** The filters chosen from a list: each is the id of its <select> and the name of its parameter. */
  const SELECTS = ['year', 'category', 'leader', 'unit', 'stage', 'light'];
  const DEFAULT_SORT = 'light';
  const DEFAULT_SIZE = 50;
  const SEARCH_DELAY = 300;

  const view = {
    year: '', category: '', leader: '', unit: '', stage: '', light: '', overdue: false, q: '',
    sort: DEFAULT_SORT, dir: 'asc', page: 0, size: DEFAULT_SIZE
  };
  const state = { office: false, requests: 0, searchTimer: null, busyTimer: null, failed: false };

  function fromAddress() {
    const p = new URLSearchParams(location.search);
    SELECTS.forEach((name) => { view[name] = (p.get(name) || '').trim(); });
    view.overdue = p.get('overdue') === 'true';
    view.q = (p.get('q') || '').trim();
    view.sort = (p.get('sort') || '').trim() || DEFAULT_SORT;
    view.dir = p.get('dir') === 'desc' ? 'desc' : 'asc';
    if (view.sort === 'asc' || view.sort === 'desc') {
      // a link of the earlier list page (?sort=desc: by task code)
      view.dir = view.sort;
      view.sort = 'code';
    }
    const page = parseInt(p.get('page'), 10);
    view.page = page > 0 ? page : 0;
    const size = parseInt(p.get('size'), 10);
    view.size = isNaN(size) ? DEFAULT_SIZE : size;
  }

  /** The query of GET /api/ledger for the view, without the defaults; without page and size for the export. */
  function query(paged) {
    const p = new URLSearchParams();
    SELECTS.forEach((name) => { if (view[name]) p.set(name, view[name]); });
    if (view.overdue) p.set('overdue', 'true');
    if (view.q) p.set('q', view.q);
    if (view.sort !== DEFAULT_SORT) p.set('sort', view.sort);
    if (view.dir !== 'asc') p.set('dir', view.dir);
    if (paged && view.page > 0) p.set('page', String(view.page));
    if (paged && view.size !== DEFAULT_SIZE) p.set('size', String(view.size));
    return p.toString();
  }

  function filtered() {
    return SELECTS.some((name) => view[name]) || view.overdue || !!view.q;
  }

  // --- the filters --------------------------------------------------------------------------------

  function option(select, value, text) {
    const node = el('option', text);
    node.value = value;
    select.appendChild(node);
  }

  /** Keeps a value of the address that the lists do not offer (e.g. another year) selectable. */
  function keepOption(select, value, text) {
    if (value && ![...select.options].some((o) => o.value === value)) option(select, value, text || value);
  }

  function fillOptions(options) {
    (options.years || []).forEach((year) => option($('year'), String(year), year + '年'));
    (options.categories || []).forEach((category) => option($('category'), category, category));
    (options.leaders || []).forEach((p) => option($('leader'), p.id, p.name || p.id));
    (options.units || []).forEach((p) => option($('unit'), p.id, p.name || p.id));
    (options.stages || []).forEach((s) => option($('stage'), s.id, s.name || s.id));
    LIGHTS.forEach(([light, label]) => option($('light'), light, label));
    // nobody to choose from (a unit's tasks without leaders): no list, unless the address asks for one
    $('leader-filter').hidden = !(options.leaders || []).length && !view.leader;
    $('unit-filter').hidden = !(options.units || []).length && !view.unit;
  }

  /** Shows the view in the controls (after reading the address). */
  function toControls() {
    keepOption($('year'), view.year, view.year + '年');
    SELECTS.forEach((name) => {
      keepOption($(name), view[name]);
      $(name).value = view[name];
    });
    $('overdue').checked = view.overdue;
    $('search').value = view.q;
    keepOption($('size'), String(view.size), view.size + ' 项');
    $('size').value = String(view.size);
  }

  function changed() {
    view.page = 0;
    refresh();
  }

  function applySearch() {
    clearTimeout(state.searchTimer);
    const q = $('search').value.trim();
    if (q === view.q) return;
    view.q = q;
    changed();
  }

  function wire() {
    SELECTS.forEach((name) => $(name).addEventListener('change', () => {
      view[name] = $(name).value;
      changed();
    }));
    $('overdue').addEventListener('change', () => {
      view.overdue = $('overdue').checked;
      changed();
    });
    const search = $('search');
    const later = () => {
      clearTimeout(state.searchTimer);
      state.searchTimer = setTimeout(applySearch, SEARCH_DELAY);
    };
    // not while a Chinese input method is still composing the word
    search.addEventListener('input', (event) => { if (!event.isComposing) later(); });
    search.addEventListener('compositionend', later);
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      applySearch();
    });
    $('reset').addEventListener('click', () => {
      SELECTS.forEach((name) => { view[name] = ''; });
      view.overdue = false;
      view.q = '';
      if (state.failed) {
        // the server refused the address: its sort or page size may be what it refused
        view.sort = DEFAULT_SORT;
        view.dir = 'asc';
        view.size = DEFAULT_SIZE;
      }
      toControls();
      changed();
    });
    $('lights').addEventListener('click', (event) => {
      const chip = event.target.closest('button[data-light]');
      if (!chip) return;
      view.light = chip.dataset.light === view.light ? '' : chip.dataset.light;
      $('light').value = view.light;
      changed();
    });
    document.querySelectorAll('#ledger-table button.sort').forEach((button) => button.addEventListener('click', () => {
      const sort = button.dataset.sort;
      if (view.sort === sort) {
        view.dir = view.dir === 'asc' ? 'desc' : 'asc';
      } else {
        view.sort = sort;
        view.dir = sort === 'changed' ? 'desc' : 'asc'; // the latest changes first
      }
      changed();
    }));
    $('prev').addEventListener('click', () => goTo(view.page - 1));
    $('next').addEventListener('click', () => goTo(view.page + 1));
    $('pages').addEventListener('click', (event) => {
      const button = event.target.closest('button[data-page]');
      if (button) goTo(Number(button.dataset.page));
    });
    $('size').addEventListener('change', () => {
      view.size = Number($('size').value);
      changed();
    });
  }

  function goTo(page) {
    view.page = Math.max(0, page);
    refresh();
  }

  // --- loading ------------------------------------------------------------------------------------

  async function refresh() {
    const q = query(true);
    history.replaceState(null, '', location.pathname + (q ? '?' + q : ''));
    const exportQuery = query(false);
    $('export').href = '/api/ledger/export.xlsx' + (exportQuery ? '?' + exportQuery : '');
    $('reset').hidden = !filtered() && !state.failed;

    const ticket = ++state.requests;
    $('ledger').setAttribute('aria-busy', 'true');
    clearTimeout(state.busyTimer);
    state.busyTimer = setTimeout(() => { $('busy').hidden = false; }, 300);
    let page = null;
    let problem = null;
    try {
      page = await api('/api/ledger' + (q ? '?' + q : ''));
    } catch (error) {
      problem = error;
    }
    if (ticket !== state.requests) return; // a later query is under way
    clearTimeout(state.busyTimer);
    $('busy').hidden = true;
    $('ledger').setAttribute('aria-busy', 'false');
    state.failed = !!problem;
    $('reset').hidden = !filtered() && !state.failed;
    if (problem) {
      if (!(problem instanceof Unauthenticated)) show('message', '台账查询失败：' + problem.message);
      $('table-wrap').hidden = true;
      $('pager').hidden = true;
      $('empty').hidden = true;
      $('count').textContent = '';
      $('range').textContent = '';
      return;
    }
    show('message', '');
    if (page.rows.length === 0 && page.total > 0 && view.page > 0) {
      // past the last page (the list got shorter): the last page
      goTo(Math.ceil(page.total / view.size) - 1);
      return;
    }
    render(page);
  }

  // --- the table ----------------------------------------------------------------------------------

  function link(text, code, className) {
    const a = el('a', text, className);
    a.href = entryUrl(code);
    return a;
  }

  /** The China date of an instant: 2026-03-31. */
  function chinaDate(isoInstant) {
    return chinaDateTime(isoInstant).slice(0, 10);
  }

  function taskCell(row) {
    const td = el('td', null, 'task');
    td.appendChild(link(row.code, row.code, 'code'));
    td.appendChild(link(row.title, row.code, 'title'));
    return td;
  }

  function stageCell(row) {
    const td = el('td', null, 'stage-cell');
    td.appendChild(stageBadge(row));
    if (row.stepName && row.stepName !== row.stageLabel) td.appendChild(el('div', row.stepName, 'step'));
    return td;
  }

  function holderCell(row) {
    const td = cell(row.stepHolder, 'holder');
    if (row.openSteps > 1) td.appendChild(el('div', '共' + row.openSteps + '个待办环节', 'hint'));
    return td;
  }

  function reportCell(report) {
    if (!report) return el('td', '尚未报送', 'report none');
    const td = el('td', null, 'report');
    const head = el('div', null, 'report-head');
    head.appendChild(el('strong', report.quarter || '季度报送'));
    if (report.date) {
      const date = el('span', report.date, 'date');
      date.title = '报送日期';
      head.appendChild(date);
    }
    td.appendChild(head);
    const tags = el('div', null, 'tags');
    if (report.lateDays > 0) {
      const late = el('span', '迟报' + report.lateDays + '个工作日', 'tag late');
      if (report.due) late.title = '应于 ' + report.due + ' 前报送';
      tags.appendChild(late);
    } else if (report.date) {
      tags.appendChild(el('span', '按时', 'tag on-time'));
    }
    if (report.returned) tags.appendChild(el('span', '已退回', 'tag returned'));
    if (report.statusLabel) tags.appendChild(el('span', report.statusLabel, 'tag status-' + (report.status || '')));
    td.appendChild(tags);
    if (report.excerpt) {
      const excerpt = el('div', report.excerpt, 'excerpt');
      excerpt.title = report.excerpt;
      td.appendChild(excerpt);
    }
    return td;
  }

  function noticesCell(count) {
    const td = el('td', String(count || 0), 'notices number' + (count > 0 ? ' some' : ' none'));
    td.title = count > 0 ? '已发督办单 ' + count + ' 份' : '未发督办单';
    return td;
  }

  /** A <div> of the text whose dates (2026-03-31) are not broken across lines. */
  function unbrokenDates(text, className) {
    const div = el('div', null, className);
    text.split(/(\d{4}-\d{2}-\d{2})/).forEach((part, i) => {
      if (i % 2) div.appendChild(el('span', part, 'nowrap'));
      else if (part) div.appendChild(document.createTextNode(part));
    });
    return div;
  }

  function lightCell(row) {
    const td = el('td', null, 'light-cell');
    const label = row.lightLabel || new Map(LIGHTS).get(row.light) || row.light;
    td.appendChild(el('span', label, 'light light-' + row.light));
    if (row.lightReason && row.lightReason !== label) td.appendChild(unbrokenDates(row.lightReason, 'reason'));
    if (row.lightChangedAt) {
      const since = el('div', '变更于 ' + chinaDate(row.lightChangedAt), 'changed');
      since.title = '灯最近一次变更：' + chinaDateTime(row.lightChangedAt);
      td.appendChild(since);
    }
    return td;
  }

  function rowOf(row) {
    const tr = el('tr');
    tr.dataset.code = row.code;
    tr.dataset.light = row.light;
    tr.appendChild(el('td', String(row.seq), 'seq number'));
    tr.appendChild(cell(row.category, 'category'));
    tr.appendChild(taskCell(row));
    tr.appendChild(cell(partyNames(row.leaders), 'leaders'));
    tr.appendChild(cell(partyNames(row.leadUnits), 'lead-units'));
    tr.appendChild(cell(partyNames(row.coopUnits), 'coop-units'));
    tr.appendChild(stageCell(row));
    tr.appendChild(holderCell(row));
    tr.appendChild(cell(row.stepDue, 'date step-due'));
    tr.appendChild(cell(row.deadline, 'date deadline'));
    tr.appendChild(reportCell(row.report));
    tr.appendChild(noticesCell(row.noticesTotal));
    tr.appendChild(lightCell(row));
    return tr;
  }

  function chip(light, label, count) {
    const button = el('button', null, 'chip' + (light ? ' light-chip light-' + light : ' all'));
    button.type = 'button';
    button.dataset.light = light;
    button.setAttribute('aria-pressed', String(view.light === light));
    button.title = light ? '只看' + label + '的任务（再次点击取消）' : '不按灯筛选';
    button.appendChild(el('span', label, 'label'));
    button.appendChild(el('span', String(count), 'n'));
    if (!count && view.light !== light) button.classList.add('zero');
    return button;
  }

  function renderLights(lights) {
    const box = $('lights');
    box.textContent = '';
    const counts = lights || {};
    box.appendChild(chip('', '全部', LIGHTS.reduce((sum, [light]) => sum + (counts[light] || 0), 0)));
    LIGHTS.forEach(([light, label]) => box.appendChild(chip(light, label, counts[light] || 0)));
  }

  function renderSort() {
    document.querySelectorAll('#ledger-table th[data-sort]').forEach((th) => {
      if (th.dataset.sort.split(' ').includes(view.sort)) {
        th.setAttribute('aria-sort', view.dir === 'asc' ? 'ascending' : 'descending');
      } else {
        th.removeAttribute('aria-sort');
      }
    });
    document.querySelectorAll('#ledger-table button.sort').forEach((button) => {
      const active = button.dataset.sort === view.sort;
      button.classList.toggle('active', active);
      button.querySelector('.mark').textContent = active ? (view.dir === 'asc' ? '▲' : '▼') : '';
    });
  }

  /** The pages to offer: the first, the last and two either side of the current one; null for a gap. */
  function pageNumbers(current, pages) {
    const wanted = new Set([0, pages - 1]);
    for (let i = current - 2; i <= current + 2; i++) {
      if (i >= 0 && i < pages) wanted.add(i);
    }
    const sorted = [...wanted].sort((a, b) => a - b);
    const numbers = [];
    sorted.forEach((n, i) => {
      if (i > 0 && n - sorted[i - 1] > 1) numbers.push(null);
      numbers.push(n);
    });
    return numbers;
  }

  function renderPager(total) {
    const pages = Math.max(1, Math.ceil(total / view.size));
    $('pager').hidden = total === 0;
    $('prev').disabled = view.page <= 0;
    $('next').disabled = view.page >= pages - 1;
    const box = $('pages');
    box.textContent = '';
    pageNumbers(view.page, pages).forEach((n) => {
      if (n === null) {
        box.appendChild(el('span', '…', 'gap'));
        return;
      }
      const button = el('button', String(n + 1), 'page');
      button.type = 'button';
      button.dataset.page = String(n);
      button.setAttribute('aria-label', '第 ' + (n + 1) + ' 页');
      if (n === view.page) button.setAttribute('aria-current', 'page');
      box.appendChild(button);
    });
    $('page-info').textContent = '第 ' + (view.page + 1) + ' / ' + pages + ' 页';
  }

  function render(page) {
    const tbody = $('tasks');
    tbody.textContent = '';
    page.rows.forEach((row) => tbody.appendChild(rowOf(row)));
    const total = page.total;
    $('table-wrap').hidden = total === 0;
    $('table-wrap').scrollTop = 0;
    const empty = $('empty');
    empty.hidden = total > 0;
    empty.textContent = filtered()
      ? '没有符合条件的改革任务，请修改或清除筛选条件。'
      : '暂无您可查看的改革任务。市委改革办创建或导入任务，并将您或您所在单位列为领衔领导、牵头单位或协同单位后，任务将显示在这里。';
    $('count').textContent = '共 ' + total + ' 项';
    const first = view.page * view.size + 1;
    const last = first + page.rows.length - 1;
    $('range').textContent = !page.rows.length || total === page.rows.length ? ''
      : '（第 ' + (first === last ? first : first + '–' + last) + ' 项）';
    $('export').hidden = !state.office;
    renderLights(page.lights);
    renderSort();
    renderPager(total);
  }

  async function start() {
    fromAddress();
    const user = await checkLogin();
    // Cockpit is granted to the office's group and to admins: the people the ledger's export is for
    state.office = !!user.canUseCockpit;
    const options = await api('/api/ledger/options');
    fillOptions(options || {});
    toControls();
    wire();
    $('loading').hidden = true;
    $('ledger').hidden = false;
    await refresh();
  }

  start().catch((error) => {
    if (!(error instanceof Unauthenticated)) showError('改革任务台账加载失败：' + error.message);
  });
})();
