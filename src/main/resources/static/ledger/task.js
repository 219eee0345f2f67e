// 改革任务台账 entry page (task.html?code=…): one reform task with its step records.
(function () {
  'use strict';

  const L = window.ReformLedger;
  const { $, el } = L;
  const code = L.param('code');

  function text(id, value) {
    const node = $(id);
    node.textContent = value ? value : '—';
    node.classList.toggle('none', !value);
  }

  function renderSummary(task, user) {
    document.title = task.code + ' ' + task.title + ' — 改革任务台账';
    $('heading').textContent = '改革任务台账 · ' + task.code;
    $('code').textContent = task.code;
    $('title').textContent = task.title;
    $('attachments-link').href = 'attachments.html?code=' + encodeURIComponent(task.code);
    $('stage').replaceWith(Object.assign(L.stageBadge(task), { id: 'stage' }));

    text('f-code', task.code);
    text('f-year', task.year ? task.year + '年' : '');
    text('f-category', task.category);
    text('f-deadline', L.chineseDate(task.deadline));
    text('f-leaders', L.partyNames(task.leaders));
    text('f-lead-units', (task.leadUnits || []).map((p, i) => (p.name || p.id) + (i === 0 && task.leadUnits.length > 1 ? '（主牵头）' : '')).join('、'));
    text('f-coop-units', L.partyNames(task.coopUnits));
    text('f-stage', task.stageLabel);
    text('f-goals', task.goals);
    text('f-measures', task.measures);

    // Cockpit shows running instances only (the history view is not part of Camunda 7 CE)
    const cockpit = $('cockpit-link');
    const note = $('cockpit-note');
    cockpit.hidden = true;
    note.hidden = true;
    if (user.canUseCockpit && task.processInstanceId && task.stage !== 'CLOSED') {
      cockpit.href = '/camunda/app/cockpit/default/#/process-instance/'
        + encodeURIComponent(task.processInstanceId) + '/runtime';
      cockpit.hidden = false;
    } else if (user.canUseCockpit && task.stage === 'CLOSED') {
      note.textContent = '该任务已销号，流程已结束，流程监控中不再显示其运行实例。';
      note.hidden = false;
    } else if (user.canUseCockpit && !task.processInstanceId) {
      note.textContent = '该任务尚未启动流程（待分配牵头单位）。';
      note.hidden = false;
    }
  }

  function fieldList(fields) {
    const dl = el('dl', null, 'fields');
    (fields || []).forEach((f) => {
      dl.appendChild(el('dt', f.label || f.key));
      const shown = f.text !== undefined && f.text !== null && f.text !== '' ? f.text
        : (f.value === undefined || f.value === null ? '' : String(f.value));
      dl.appendChild(el('dd', shown || '—', 'text' + (shown ? '' : ' none')));
    });
    return dl;
  }

  function renderRecords(records) {
    // the API lists the newest first; the ledger reads as a history, oldest first
    const ordered = (records || []).slice().sort((a, b) =>
      (Date.parse(a.recordedAt) - Date.parse(b.recordedAt)) || (a.id - b.id));
    const tbody = $('records');
    tbody.textContent = '';
    ordered.forEach((record, i) => {
      const tr = el('tr');
      tr.dataset.recordId = record.id;
      tr.appendChild(el('td', String(i + 1), 'number'));
      tr.appendChild(el('td', L.chinaDateTime(record.recordedAt), 'date'));
      tr.appendChild(el('td', record.stageName || record.activityId));
      const actor = el('td', record.actorId || '—', 'actor');
      L.userName(record.actorId).then((name) => { actor.textContent = name || '—'; });
      tr.appendChild(actor);
      const fields = el('td');
      if (record.fields && record.fields.length) fields.appendChild(fieldList(record.fields));
      else fields.appendChild(el('span', '（无提交内容）', 'none'));
      tr.appendChild(fields);
      tbody.appendChild(tr);
    });
    $('records-table').hidden = ordered.length === 0;
    $('no-records').hidden = ordered.length > 0;
  }

  async function load() {
    const user = await L.checkLogin();
    if (!code) {
      L.showError('未指定改革任务：请从改革任务台账中选择一项任务。');
      return;
    }
    let task;
    try {
      task = await L.api('/api/tasks/' + encodeURIComponent(code));
    } catch (error) {
      if (error.status === 404) error.message = '未找到改革任务 ' + code;
      throw error;
    }
    $('loading').hidden = true;
    renderSummary(task, user);
    renderRecords(task.records);
    $('entry').hidden = false;
    // office-actions.js shows the office's actions; it reloads the page's data after one
    document.dispatchEvent(new CustomEvent('reform-task-loaded', { detail: { task, user, reload: load } }));
  }

  load().catch(L.report);
})();
