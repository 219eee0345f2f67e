// 导入年度工作要点 / 工作台账: upload → preview → resolve unknown names → confirm → progress.
// Calls /api with the browser's Camunda webapp login; state-changing calls send X-Requested-With.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const state = { view: null, polling: null };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') node.className = v;
      else if (v !== undefined && v !== null) node.setAttribute(k, v);
    });
    children.flat().forEach((child) => {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    });
    return node;
  }

  async function api(method, path, body) {
    // X-Requested-With on every call: writes need it, and a 401 then comes without a password dialog
    const options = { method, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } };
    if (body instanceof FormData) options.body = body;
    else if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (response.status === 401) $('login-hint').hidden = false;
    return { status: response.status, ok: response.ok, data };
  }

  function problemText(result) {
    const d = result.data || {};
    let text = d.detail || d.message || ('请求失败（HTTP ' + result.status + '）');
    if (d.location) text += '\n位置：' + d.location;
    if (Array.isArray(d.errors) && d.errors.length) text += '\n' + d.errors.map((e) => '· ' + e).join('\n');
    if (result.status === 401) text = '尚未登录或登录已过期：请先登录，然后刷新本页。';
    return text;
  }

  function showMessage(text, ok) {
    const box = $('message');
    box.textContent = text;
    box.className = ok ? 'ok' : '';
    box.hidden = !text;
  }

  // --- upload --------------------------------------------------------------------------------

  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    $('file-name').textContent = file ? file.name : '未选择文件';
  });

  $('upload-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const file = form.file.files[0];
    if (!file) return;
    const data = new FormData();
    data.append('file', file);
    if (form.year.value) data.append('year', form.year.value);
    $('upload-button').disabled = true;
    showMessage('正在读取“' + file.name + '”……', true);
    const result = await api('POST', '/api/imports/preview', data);
    $('upload-button').disabled = false;
    if (!result.ok) {
      $('preview').hidden = true;
      showMessage(problemText(result));
      return;
    }
    showMessage('');
    history.replaceState(null, '', '?id=' + encodeURIComponent(result.data.id));
    render(result.data);
  });

  // --- preview -------------------------------------------------------------------------------

  function nameSpan(n) {
    const cls = n.status === 'UNKNOWN' ? 'name-unknown'
      : (n.status === 'IGNORED' || (n.status === 'REMEMBERED' && !n.id)) ? 'name-ignored'
        : (n.status === 'MAPPED' || n.status === 'REMEMBERED' || n.status === 'CREATE') ? 'name-mapped' : '';
    let text = n.displayName && n.displayName !== n.name ? n.name + '→' + n.displayName : n.name;
    if (n.status === 'UNKNOWN') text += '（未知）';
    if (n.status === 'CREATE') text += '（新建）';
    return el('span', { class: cls, title: statusTitle(n.status) }, text);
  }

  function statusTitle(status) {
    return { KNOWN: '组织配置中的名称', MAPPED: '已映射', REMEMBERED: '按以往导入的处理', CREATE: '确认时新建单位',
      IGNORED: '忽略', UNKNOWN: '组织配置中没有，请在上方选择处理方式' }[status] || '';
  }

  function names(list) {
    if (!list || !list.length) return '—';
    const span = el('span');
    list.forEach((n, i) => { if (i) span.append('、'); span.append(nameSpan(n)); });
    return span;
  }

  function render(view) {
    state.view = view;
    $('preview').hidden = false;
    $('status').textContent = view.statusLabel;
    const doc = $('document');
    doc.replaceChildren(
      el('dt', {}, '文件'), el('dd', {}, (view.fileName || '') + '（' + (FORMATS[view.format] || view.format) + '）'),
      el('dt', {}, '年度'), el('dd', {}, view.year),
      el('dt', {}, '标题'), el('dd', {}, view.title || '—'),
      el('dt', {}, '文号'), el('dd', {}, view.number || '—'),
      el('dt', {}, '上传'), el('dd', {}, personName(view.createdBy), ' ', formatTime(view.createdAt)),
      el('dt', {}, '类别'), el('dd', {}, (view.categories || []).join('、') || '—'));

    const s = view.summary;
    $('summary').replaceChildren(
      el('span', {}, '共 ' + s.total + ' 项任务'),
      el('span', {}, '新增 ' + s.created), el('span', {}, '更新 ' + s.updated),
      el('span', {}, '未变化 ' + s.unchanged),
      el('span', { class: s.keptStarted ? 'warn' : '' }, '已启动不更新 ' + s.keptStarted),
      el('span', {}, '将启动流程 ' + s.toStart),
      el('span', { class: s.awaitingAssignment ? 'warn' : '' }, '待分配 ' + s.awaitingAssignment),
      el('span', { class: s.unknownNames ? 'warn' : '' }, '未知名称 ' + s.unknownNames),
      el('span', { class: s.warnings ? 'warn' : '' }, '提示 ' + s.warnings),
      el('span', { class: s.errors ? 'error' : '' }, '错误 ' + s.errors));

    $('document-warnings').replaceChildren(...(view.warnings || []).map((w) => el('p', { class: 'hint' }, '提示：' + w)));
    renderUnknown(view);
    renderTasks(view);

    const missing = view.notInFile || [];
    $('not-in-file').replaceChildren(...(missing.length ? [el('p', { class: 'hint' },
      '本年度已有、但文件中没有的任务（不会删除）：' + missing.map((t) => t.code + ' ' + t.title + '（' + t.stageLabel + '）').join('；'))] : []));

    const editable = view.status === 'PREVIEW' || view.status === 'FAILED';
    $('confirm-button').disabled = !editable || s.errors > 0;
    $('confirm-hint').textContent = s.errors > 0 ? '有 ' + s.errors + ' 个错误，请修改文件后重新上传。'
      : editable ? '确认后将创建 ' + s.created + ' 项、更新 ' + s.updated + ' 项任务，并启动 ' + s.toStart + ' 个流程。' : '';
    renderOutcome(view);
  }

  function renderUnknown(view) {
    const unknown = view.unknownNames || [];
    $('unknown-section').hidden = unknown.length === 0;
    const body = $('unknown').querySelector('tbody');
    body.replaceChildren(...unknown.map((u) => {
      const select = el('select', { 'data-role': u.role, 'data-name': u.name });
      select.append(el('option', { value: '' }, '请选择……'));
      if (u.suggestions.length) {
        const close = el('optgroup', { label: '相近的名称' });
        u.suggestions.forEach((sug) => close.append(el('option', { value: 'map:' + sug.id },
          '映射到 ' + sug.name + '（相似度 ' + Math.round(sug.score * 100) + '%）')));
        select.append(close);
      }
      const all = el('optgroup', { label: u.role === 'UNIT' ? '全部单位' : '全部领衔领导' });
      (u.role === 'UNIT' ? view.units : view.leaders).forEach((o) => all.append(el('option', { value: 'map:' + o.id }, '映射到 ' + o.name)));
      select.append(all);
      if (u.role === 'UNIT') select.append(el('option', { value: 'create' }, '新建单位“' + u.name + '”'));
      select.append(el('option', { value: 'ignore' }, '忽略（不导入此名称）'));
      select.disabled = !(view.status === 'PREVIEW' || view.status === 'FAILED');
      select.addEventListener('change', () => select.classList.remove('missing'));
      return el('tr', {}, el('td', {}, u.roleLabel), el('td', {}, el('span', { class: 'name-unknown' }, u.name)),
        el('td', {}, u.tasks.join('、')), el('td', {}, select));
    }));
  }

  function renderTasks(view) {
    const onlyIssues = $('only-issues').checked;
    const rows = view.tasks.filter((t) => !onlyIssues || t.warnings.length || t.errors.length);
    $('tasks').querySelector('tbody').replaceChildren(...rows.map((t) => {
      const notes = el('ul');
      t.errors.forEach((e) => notes.append(el('li', { class: 'error' }, '错误：' + e)));
      t.warnings.forEach((w) => notes.append(el('li', { class: 'warn' }, w)));
      if (t.changes.length) notes.append(el('li', {}, '变化：' + t.changes.join('、')));
      const title = el('td', { title: [t.goals, (t.measures || []).map((m, i) => '（' + (i + 1) + '）' + m).join('\n')]
        .filter(Boolean).join('\n\n') }, t.title, el('div', { class: 'hint' }, t.location));
      return el('tr', { class: t.errors.length ? 'error' : t.warnings.length ? 'warn' : '' },
        el('td', { class: 'code' }, t.code), el('td', {}, t.category || '—'), title,
        el('td', {}, names(t.leaders)), el('td', {}, names(t.leadUnits)), el('td', {}, names(t.coopUnits)),
        el('td', { class: 'date' }, t.deadline || '—'),
        el('td', { class: 'action-' + t.action }, t.actionLabel + (t.awaitingAssignment && (t.action === 'NEW' || t.action === 'UPDATE') ? '（待分配）' : '')),
        el('td', {}, notes));
    }));
  }

  $('only-issues').addEventListener('change', () => state.view && renderTasks(state.view));

  // --- confirm -------------------------------------------------------------------------------

  $('confirm-button').addEventListener('click', async () => {
    const resolutions = { unitMappings: {}, leaderMappings: {}, createUnits: [], ignore: [] };
    let missing = 0;
    document.querySelectorAll('#unknown select').forEach((select) => {
      const name = select.dataset.name;
      const value = select.value;
      if (!value) { missing++; select.classList.add('missing'); return; }
      if (value === 'create') resolutions.createUnits.push(name);
      else if (value === 'ignore') resolutions.ignore.push(name);
      else if (select.dataset.role === 'UNIT') resolutions.unitMappings[name] = value.substring(4);
      else resolutions.leaderMappings[name] = value.substring(4);
    });
    if (missing) {
      showResult('还有 ' + missing + ' 个未知名称没有选择处理方式（已用红框标出）。', false);
      return;
    }
    $('confirm-button').disabled = true;
    showResult('', true);
    const result = await api('POST', '/api/imports/' + encodeURIComponent(state.view.id) + '/confirm', resolutions);
    if (!result.ok) {
      $('confirm-button').disabled = false;
      showResult(problemText(result), false);
      return;
    }
    render(result.data);
    poll();
  });

  function poll() {
    clearTimeout(state.polling);
    state.polling = setTimeout(async () => {
      const result = await api('GET', '/api/imports/' + encodeURIComponent(state.view.id));
      if (!result.ok) { showResult(problemText(result), false); return; }
      render(result.data);
      if (result.data.status === 'CONFIRMING') poll();
    }, 1000);
  }

  function renderOutcome(view) {
    const progress = view.progress;
    $('progress').hidden = view.status !== 'CONFIRMING';
    if (view.status === 'CONFIRMING' && progress) {
      $('progress').querySelector('progress').max = Math.max(progress.total, 1);
      $('progress').querySelector('progress').value = progress.done;
      $('progress-text').textContent = '正在创建任务并启动流程：' + progress.done + ' / ' + progress.total
        + '（全部完成后才生效，请勿关闭本页）';
      showResult('', true);
    } else if (view.status === 'CONFIRMED') {
      const s = view.summary;
      if (!people.has(view.confirmedBy)) personName(view.confirmedBy);
      showResult('导入完成（' + (people.get(view.confirmedBy) || view.confirmedBy || '') + ' ' + formatTime(view.confirmedAt) + '）：新增 ' + s.created
        + ' 项，更新 ' + s.updated + ' 项，未变化 ' + s.unchanged + ' 项；已启动流程 ' + s.toStart + ' 个，待分配 '
        + s.awaitingAssignment + ' 项。待分配的任务由改革办分配牵头单位后启动。', true);
    } else if (view.status === 'FAILED' && view.error) {
      showResult(view.error + '\n可处理后再次确认。', false);
    }
  }

  function showResult(text, ok) {
    const box = $('result');
    box.textContent = text;
    box.className = ok ? 'ok' : 'error';
    box.hidden = !text;
  }

  /** How the file was read, in the office's words. */
  const FORMATS = { TEXT: '文本', DOCX: 'Word 文档', XLSX: 'Excel 表格' };

  const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });

  /** An instant as China time: 2026-03-31 09:00. */
  function formatTime(value) {
    if (!value) return '';
    const date = new Date(value);
    if (isNaN(date)) return value;
    const p = {};
    CHINA_TIME.formatToParts(date).forEach((part) => { p[part.type] = part.value; });
    return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute;
  }

  /** Names of users by id ("张伟 市发展改革委"), as the webapps show them; filled as they are asked for. */
  const people = new Map();

  /** A span showing the user's name (the id until it is known, and if there is none). */
  function personName(userId) {
    const span = el('span', { class: 'person' }, people.get(userId) || userId || '');
    if (userId && !people.has(userId)) {
      fetch('/camunda/api/engine/engine/default/user/' + encodeURIComponent(userId) + '/profile',
        { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((response) => (response.ok ? response.json() : null))
        .then((profile) => {
          const name = profile && [profile.firstName, profile.lastName].filter(Boolean).join(' ');
          if (name) {
            people.set(userId, name);
            span.textContent = name;
            span.title = userId;
            if (state.view && state.view.status === 'CONFIRMED') renderOutcome(state.view);
          }
        })
        .catch(() => {});
    }
    return span;
  }

  // --- start: check the login, reopen ?id=… --------------------------------------------------

  (async function start() {
    // Ask the webapp whether the browser is logged in: a 401 from /api would make the browser prompt for a password.
    const me = await fetch('/camunda/api/admin/auth/user/default', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!me.ok) {
      $('login-hint').hidden = false;
      $('upload-button').disabled = true;
      return;
    }
    const check = await api('GET', '/api/imports');
    if (check.status === 403) {
      // not the office: say so, and offer no upload that would only be refused again
      showMessage(problemText(check));
      $('upload-button').disabled = true;
    }
    const id = new URLSearchParams(location.search).get('id');
    if (id && check.ok) {
      const result = await api('GET', '/api/imports/' + encodeURIComponent(id));
      if (result.ok) {
        render(result.data);
        if (result.data.status === 'CONFIRMING') poll();
      } else {
        showMessage(problemText(result));
      }
    }
  }());
}());
