// 单位考核得分 (index.html): the ranking of a period, a unit's breakdown with what each item counted, the
// rules. Calls the server with the Camunda webapp login of this browser (X-Requested-With: no password dialog
// on a 401). The office sees every unit and may export to Excel, a leader the units of their tasks, a unit
// its own score and place. The period, the as-of day and the unit shown are kept in the address.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);

  /** Short column headings of the ranking, by item key (the full label is the heading's title). */
  const SHORT = {
    reportsOnTime: '按时报送', reportsLate: '迟报', reportsMissing: '逾期未报', overdueDays: '逾期工作日',
    notices: '督办单', returns: '退回', tasksOnTime: '按时完成任务'
  };

  const state = { periods: null, board: null, unit: null, user: null };

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(text, href, className) {
    const a = el('a', text, className);
    a.href = href;
    return a;
  }

  function show(id, text) {
    $(id).textContent = text || '';
    $(id).hidden = !text;
  }

  /** A number as people write it, with its sign when asked: 94.5, -2.5, +2. */
  function num(value, signed) {
    const n = Number(value);
    const text = String(Math.round(n * 100) / 100);
    return signed && n > 0 ? '+' + text : text;
  }

  // --- calls -------------------------------------------------------------------------------------

  async function request(path) {
    let response;
    let text;
    try {
      response = await fetch(path, {
        headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, credentials: 'same-origin'
      });
      text = await response.text();
    } catch (e) {
      return { ok: false, status: 0, data: null };
    }
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    return { ok: response.ok, status: response.status, data };
  }

  class Unauthenticated extends Error {
    constructor() { super('unauthenticated'); }
  }

  function showLogin() {
    $('login').hidden = false;
    $('loading').hidden = true;
    $('scores').hidden = true;
    $('breakdown').hidden = true;
    throw new Unauthenticated();
  }

  async function api(path) {
    const result = await request(path);
    if (result.status === 0) throw new Error('无法连接服务器，请检查网络后刷新本页。');
    if (result.status === 401) showLogin();
    if (!result.ok) {
      const d = result.data || {};
      throw new Error(d.detail || d.message || ('请求失败（HTTP ' + result.status + '），请稍后重试。'));
    }
    return result.data;
  }

  async function checkLogin() {
    const result = await request('/camunda/api/admin/auth/user/default');
    if (result.status === 0) throw new Error('无法连接服务器，请检查网络后刷新本页。');
    if (!result.ok || !result.data || !result.data.userId) showLogin();
    const user = result.data;
    $('nav-cockpit').hidden = !(user.authorizedApps || []).includes('cockpit');
    request('/camunda/api/engine/engine/default/user/' + encodeURIComponent(user.userId) + '/profile')
      .then((profile) => {
        const p = profile.ok && profile.data;
        const name = p ? [p.firstName, p.lastName].filter(Boolean).join(' ') : '';
        $('user').textContent = '当前用户：' + (name || user.userId);
      });
    return user;
  }

  // --- the period selector -----------------------------------------------------------------------

  function fillPeriods(wanted) {
    const select = $('period');
    select.textContent = '';
    const groups = new Map();
    state.periods.periods.forEach((p) => {
      if (!groups.has(p.year)) {
        const group = document.createElement('optgroup');
        group.label = p.year + '年';
        groups.set(p.year, group);
        select.appendChild(group);
      }
      const option = el('option', p.label);
      option.value = p.id;
      groups.get(p.year).appendChild(option);
    });
    const ids = state.periods.periods.map((p) => p.id);
    if (wanted && !ids.includes(wanted)) {
      // a period named in the address that is not offered (e.g. not yet begun): let the server say why
      const option = el('option', wanted);
      option.value = wanted;
      select.insertBefore(option, select.firstChild);
    }
    select.value = wanted || state.periods.current;
    $('as-of').max = state.periods.today; // bounds date-input.js's picker
  }

  // --- the ranking -------------------------------------------------------------------------------

  function keepInAddress() {
    const params = new URLSearchParams();
    params.set('period', $('period').value);
    if (asOf()) params.set('asOf', asOf());
    if (state.unit) params.set('unit', state.unit);
    history.replaceState(null, '', '?' + params.toString());
  }

  /** The as-of day typed (yyyy-MM-dd once understood by date-input.js), '' for today; null when not a date. */
  function asOf() {
    const input = $('as-of');
    if (!window.ReformDateInput) return input.value.trim();
    const result = window.ReformDateInput.check(input);
    return result.error ? null : (result.iso || '');
  }

  async function load() {
    show('message', '');
    const day = asOf();
    if (day === null) {
      show('message', '统计截至日期有误：' + window.ReformDateInput.parse($('as-of').value).error);
      return;
    }
    const params = new URLSearchParams({ period: $('period').value });
    if (day) params.set('asOf', day);
    let board;
    try {
      board = await api('/api/scores?' + params.toString());
    } catch (error) {
      if (error instanceof Unauthenticated) return;
      state.board = null;
      show('message', '考核得分加载失败：' + error.message);
      $('loading').hidden = true;
      $('scores').hidden = false;
      $('ranking').hidden = true;
      $('breakdown').hidden = true;
      ['own', 'empty', 'unranked', 'pick', 'summary'].forEach((id) => show(id, ''));
      $('export').hidden = true;
      return;
    }
    state.board = board;
    $('loading').hidden = true;
    $('scores').hidden = false;
    renderRanking();
    renderRules();
    const ids = board.rows.map((r) => r.unitId);
    if (!ids.includes(state.unit)) {
      state.unit = board.view === 'unit' && ids.length === 1 ? ids[0] : null;
    }
    renderBreakdown();
    keepInAddress();
  }

  function renderRanking() {
    const board = state.board;
    const office = board.view === 'office';
    show('summary', board.periodLabel + '（' + board.periodStart + ' 至 ' + board.periodEnd + '）· 统计截至 '
      + board.asOf + (board.periodEnded ? '，考核期已结束' : '，考核期尚未结束') + ' · 参与排名 ' + board.rankedUnits + ' 个单位');

    const exportLink = $('export');
    exportLink.hidden = !office || board.rankedUnits === 0;
    const params = new URLSearchParams({ period: board.period });
    if (asOf()) params.set('asOf', asOf());
    exportLink.href = '/api/scores.xlsx?' + params.toString();

    const keys = board.rows.length ? board.rows[0].items.map((i) => i.key) : Object.keys(SHORT);
    const head = $('ranking-head');
    head.textContent = '';
    head.appendChild(el('th', '排名', 'number'));
    head.appendChild(el('th', '单位'));
    head.appendChild(el('th', '得分', 'number'));
    keys.forEach((key) => {
      const th = el('th', SHORT[key] || key, 'number');
      const rule = board.rules.find((r) => r.key === key);
      if (rule) th.title = rule.label + '（' + rule.measure + '）：' + rule.description;
      head.appendChild(th);
    });

    const tbody = $('ranking-rows');
    tbody.textContent = '';
    board.rows.forEach((row) => {
      const tr = el('tr');
      tr.dataset.unit = row.unitId;
      if (row.unitId === state.unit) tr.className = 'selected';
      tr.appendChild(el('td', row.rank + (row.tied ? '（并列）' : ''), 'number rank'));
      const name = el('td', null, 'unit');
      const button = el('button', row.unitName, 'link');
      button.type = 'button';
      button.title = '查看' + row.unitName + '得分的构成';
      button.addEventListener('click', () => select(row.unitId));
      name.appendChild(button);
      tr.appendChild(name);
      tr.appendChild(el('td', num(row.score), 'number score'));
      row.items.forEach((item) => {
        const td = el('td', item.count ? String(item.count) : '—', 'number' + (item.count ? '' : ' none'));
        td.dataset.key = item.key;
        td.title = item.label + '：' + item.count + ' ' + item.measure + '，' + num(item.subtotal, true) + ' 分';
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    $('ranking').hidden = board.rows.length === 0;

    let empty = '';
    if (board.rows.length === 0) {
      if (board.view === 'unit') {
        empty = '本单位在' + board.periodLabel + '（统计截至 ' + board.asOf + '）没有需要考核的事项，不参与排名。';
      } else if (board.view === 'leader') {
        empty = '您领衔的改革任务所涉单位在' + board.periodLabel + '没有需要考核的事项。';
      } else {
        empty = board.periodLabel + '（统计截至 ' + board.asOf + '）各单位均没有需要考核的事项。';
      }
    }
    show('empty', empty);

    let own = '';
    if (board.view === 'unit' && board.rows.length) {
      own = board.rows.map((r) => r.unitName + '在' + board.periodLabel + '得 ' + num(r.score) + ' 分，在 '
        + board.rankedUnits + ' 个参与排名的单位中排第 ' + r.rank + ' 名' + (r.tied ? '（并列）' : '') + '。').join(' ')
        + '其他单位的得分由市委改革办通报。';
    }
    show('own', own);
    show('unranked', board.unranked.length && board.view !== 'unit'
      ? '本期没有考核事项、不参与排名的单位：' + board.unranked.map((u) => u.unitName).join('、') + '。' : '');
    $('pick').hidden = board.rows.length === 0 || board.view === 'unit';
  }

  function select(unitId) {
    state.unit = state.unit === unitId && state.board.view !== 'unit' ? null : unitId;
    document.querySelectorAll('#ranking-rows tr').forEach((tr) => {
      tr.className = tr.dataset.unit === state.unit ? 'selected' : '';
    });
    renderBreakdown();
    keepInAddress();
    if (state.unit) $('breakdown').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  // --- a unit's breakdown ------------------------------------------------------------------------

  function renderBreakdown() {
    const board = state.board;
    const row = board && board.rows.find((r) => r.unitId === state.unit);
    $('breakdown').hidden = !row;
    if (!row) return;
    $('breakdown-title').textContent = row.unitName + ' · ' + num(row.score) + ' 分 · 第 ' + row.rank + ' 名'
      + (row.tied ? '（并列）' : '');
    $('breakdown-ledger').href = row.ledgerUrl;
    $('breakdown-summary').textContent = board.periodLabel + '，统计截至 ' + board.asOf + '。基础分 ' + num(row.base)
      + ' 分' + row.items.filter((i) => Number(i.subtotal) !== 0)
        .map((i) => '，' + i.label + ' ' + num(i.subtotal, true) + ' 分').join('') + '，合计 ' + num(row.score) + ' 分。';

    const tbody = $('item-rows');
    tbody.textContent = '';
    const base = el('tr', null, 'base');
    base.appendChild(el('td', '基础分'));
    base.appendChild(el('td', '', 'number'));
    base.appendChild(el('td', '', 'number'));
    base.appendChild(el('td', num(row.base), 'number'));
    base.appendChild(el('td', '每个参与排名的单位以基础分起算。', 'hint'));
    tbody.appendChild(base);

    row.items.forEach((item) => {
      const tr = el('tr');
      tr.dataset.key = item.key;
      if (!item.count) tr.className = 'zero';
      const label = el('td', null, 'label');
      label.appendChild(el('span', item.label));
      label.appendChild(el('br'));
      label.appendChild(link('查看台账', item.ledgerUrl, 'ledger-link'));
      tr.appendChild(label);
      tr.appendChild(el('td', item.count + ' ' + item.measure, 'number count'));
      tr.appendChild(el('td', num(item.points, true), 'number points'));
      tr.appendChild(el('td', num(item.subtotal, true), 'number subtotal'));
      tr.appendChild(detailsCell(item));
      tbody.appendChild(tr);
    });
    $('total').textContent = num(row.score);
  }

  function detailsCell(item) {
    const td = el('td', null, 'details');
    if (item.note) td.appendChild(el('p', item.note, 'item-note'));
    if (!item.details.length) {
      if (!item.note) td.appendChild(el('span', '无', 'none'));
      return td;
    }
    const list = el('ul');
    item.details.forEach((d) => {
      const li = el('li');
      li.appendChild(link(d.taskCode, d.taskUrl, 'code'));
      if (d.taskTitle) li.appendChild(el('span', ' ' + d.taskTitle, 'task-title'));
      const facts = [d.what];
      if (d.due) facts.push('期限 ' + d.due);
      if (d.date) facts.push(dateLabel(item.key) + ' ' + d.date);
      if (d.note) facts.push(d.note);
      li.appendChild(el('span', ' · ' + facts.join(' · ')));
      list.appendChild(li);
    });
    td.appendChild(list);
    return td;
  }

  function dateLabel(key) {
    switch (key) {
      case 'notices': return '发出';
      case 'returns': return '退回';
      case 'tasksOnTime': return '申请销号';
      case 'overdueDays': return '办结';
      default: return '报送';
    }
  }

  function renderRules() {
    const tbody = $('rule-rows');
    tbody.textContent = '';
    state.board.rules.forEach((rule) => {
      const tr = el('tr');
      tr.appendChild(el('td', rule.label));
      const unit = rule.key === 'base' || rule.key === 'overdueCap' ? ' 分' : ' 分/' + rule.measure;
      tr.appendChild(el('td', num(rule.points, rule.key !== 'base') + unit, 'number'));
      tr.appendChild(el('td', rule.description));
      tbody.appendChild(tr);
    });
    $('rules-section').hidden = false;
  }

  // --- start -------------------------------------------------------------------------------------

  const params = new URLSearchParams(location.search);
  state.unit = (params.get('unit') || '').trim() || null;
  $('period').addEventListener('change', load);
  $('as-of').addEventListener('change', load);
  $('today').addEventListener('click', () => { $('as-of').value = ''; load(); });

  checkLogin()
    .then((user) => { state.user = user; return api('/api/scores/periods'); })
    .then((periods) => {
      state.periods = periods;
      fillPeriods((params.get('period') || '').trim().toUpperCase());
      $('as-of').value = (params.get('asOf') || '').trim();
      if (window.ReformDateInput) window.ReformDateInput.check($('as-of'));
      return load();
    })
    .catch((error) => {
      if (!(error instanceof Unauthenticated)) {
        show('message', '考核得分加载失败：' + error.message);
        $('loading').hidden = true;
      }
    });
})();
