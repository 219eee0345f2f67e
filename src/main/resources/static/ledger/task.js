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

  function shownText(f) {
    if (!f) return '';
    return f.text !== undefined && f.text !== null && f.text !== '' ? f.text
      : (f.value === undefined || f.value === null ? '' : String(f.value));
  }

  /**
   * The submitted fields; for a step submitted again (after a return), each field says whether it
   * changed since the previous round, and a changed one shows what it said before.
   */
  function fieldList(fields, previous) {
    const dl = el('dl', null, 'fields');
    const before = {};
    (previous ? previous.fields || [] : []).forEach((f) => { before[f.key] = f; });
    (fields || []).forEach((f) => {
      const shown = shownText(f);
      const changed = previous && shownText(before[f.key]) !== shown;
      dl.appendChild(el('dt', (f.label || f.key) + (previous ? (changed ? '（本轮修改）' : '（未改）') : ''),
        changed ? 'changed' : null));
      const dd = el('dd', shown || '—', 'text' + (shown ? '' : ' none') + (changed ? ' changed' : ''));
      if (changed) {
        const details = el('details', null, 'previous');
        details.appendChild(el('summary', '上一轮内容'));
        details.appendChild(el('div', shownText(before[f.key]) || '（空）', 'text'));
        dd.appendChild(details);
      }
      dl.appendChild(dd);
    });
    return dl;
  }

  // the unit's steps that come back after a return (PreviousRounds on the server): approvals are not rounds
  const RESUBMITTED = ['Task_DraftPlan', 'Task_SubmitQuarterlyReport', 'Task_Rectify', 'Task_ImplementAndApplyCloseOut'];

  /** The same step submitted earlier (same stage, e.g. the same quarter's report), or null. */
  function previousRound(ordered, i) {
    if (!RESUBMITTED.includes(ordered[i].activityId)) return null;
    for (let j = i - 1; j >= 0; j--) {
      if (ordered[j].activityId === ordered[i].activityId && ordered[j].stageName === ordered[i].stageName) {
        return ordered[j];
      }
    }
    return null;
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
      const previous = previousRound(ordered, i);
      if (previous) fields.appendChild(el('div', '第 ' + (ordered.slice(0, i + 1).filter((r) =>
        r.activityId === record.activityId && r.stageName === record.stageName).length) + ' 轮提交', 'round'));
      if (record.fields && record.fields.length) fields.appendChild(fieldList(record.fields, previous));
      else fields.appendChild(el('span', '（无提交内容）', 'none'));
      tr.appendChild(fields);
      tbody.appendChild(tr);
    });
    $('records-table').hidden = ordered.length === 0;
    $('no-records').hidden = ordered.length > 0;
  }

  /** Reminders of the task, oldest first; a 督办单 links to its 督办通知单 (Word) when the user may download it. */
  function renderReminders(views) {
    const tbody = $('reminders');
    tbody.textContent = '';
    (views || []).forEach((view) => {
      const r = view.reminder;
      const tr = el('tr');
      tr.dataset.reminderId = r.id;
      tr.appendChild(el('td', L.chinaDateTime(r.createdAt), 'date'));
      tr.appendChild(el('td', view.levelLabel || r.level));
      tr.appendChild(el('td', r.stageName || '—'));
      tr.appendChild(el('td', L.chineseDate(r.dueDate), 'date'));
      const notice = el('td');
      if (r.noticeNo && view.noticeUrl) {
        const a = el('a', r.noticeNo + '（下载督办通知单）', 'notice-download');
        a.href = view.noticeUrl;
        a.setAttribute('download', '');
        notice.appendChild(a);
      } else {
        notice.appendChild(el('span', r.noticeNo || '—', r.noticeNo ? null : 'none'));
      }
      tr.appendChild(notice);
      tbody.appendChild(tr);
    });
    $('reminders-section').hidden = !views || views.length === 0;
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
    // the reminder record is secondary: the entry shows without it when it cannot be read
    L.api('/api/reminders?taskCode=' + encodeURIComponent(code)).then(renderReminders, () => renderReminders([]));
    // office-actions.js shows the office's actions; it reloads the page's data after one
    document.dispatchEvent(new CustomEvent('reform-task-loaded', { detail: { task, user, reload: load } }));
  }

  load().catch(L.report);
})();
