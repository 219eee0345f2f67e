// 延期申请 (extensions.html): a unit asks for a later due date of one of its open tasks
// (?taskId=…&code=…, linked from the task's form as 「申请延期」), the reform office lists and decides.
// Whether the user is office staff is what GET /api/extensions answers: units get 403 and never list all;
// a unit lists its reform task's requests (GET /api/extensions?taskCode=…) to see what became of them, and
// while one for this very task is pending the form gives way to a note (the server would refuse with 409).
// Uses the Camunda webapp login of this browser; the task itself is read from the webapp's engine API
// (/engine-rest takes HTTP Basic only). State-changing calls send X-Requested-With (ReformLedger.request),
// which /api requires.
// Dates and times are China time (Asia/Shanghai) whatever the browser's time zone.
(function () {
  'use strict';

  const L = window.ReformLedger;
  const { $, el, cell, show } = L;
  const taskId = L.param('taskId');
  const codeParam = L.param('code');

  const NOT_VISIBLE = '该待办不存在或已办结，或您无权查看该任务，不能申请延期。';
  const SUCCESS = '延期申请已提交，等待市委改革办审批。';
  const STATUS_LABELS = { PENDING: '待审批', APPROVED: '已同意', REJECTED: '未同意' };

  const state = {
    office: false,
    userId: null,
    /** the open user task of the unit view: {id, name, stage, code, title, due (Date), currentDue (yyyy-MM-dd)} */
    task: null,
    /** whether the user may file a request for that task here (not the office looking at a unit's task) */
    mayApply: false,
    /** the reform task whose requests a unit lists (section 本任务的延期申请) */
    code: '',
    sending: false,
    deciding: false,
    /** 审批意见 typed per pending request, kept when the lists are redrawn */
    comments: new Map()
  };

  // --- China dates -------------------------------------------------------------------------------

  /** Camunda writes instants as 2026-03-31T18:00:00.000+0800; make the offset ISO (+08:00) for Date. */
  function instant(value) {
    if (!value) return null;
    const iso = String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const date = new Date(iso);
    return isNaN(date.getTime()) ? null : date;
  }

  /** The China calendar date of an instant: 2026-03-31. */
  function chinaDate(date) {
    return L.chinaDateTime(date.toISOString()).substring(0, 10);
  }

  function isIsoDate(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
  }

  /** The calendar day after a yyyy-MM-dd date (no time zone involved). */
  function nextDay(isoDate) {
    const [y, m, d] = isoDate.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().substring(0, 10);
  }

  // --- unit view: the task and the request form --------------------------------------------------

  async function loadTask() {
    const result = await L.request('GET', '/camunda/api/engine/engine/default/task/' + encodeURIComponent(taskId));
    if (result.status === 401) throw new Error(L.failure(result)); // 登录已过期
    if (result.status === 404 || result.status === 403) return null;
    if (!result.ok || !result.data) throw new Error('待办信息加载失败：' + L.failure(result));
    const name = result.data.name || '';
    const m = /^(.*?)｜(\S+)\s+(.*)$/.exec(name);
    const due = instant(result.data.due);
    return {
      id: result.data.id,
      name,
      stage: m ? m[1] : '',
      code: codeParam || (m ? m[2] : ''),
      /** the reform task's code as the task's name says it (the link's code parameter may be wrong) */
      reformCode: m ? m[2] : '',
      title: m ? m[3] : name,
      due,
      currentDue: due ? chinaDate(due) : null
    };
  }

  function renderTask(task) {
    document.title = '延期申请 — ' + (task.code ? task.code + ' ' : '') + task.title;
    $('heading').textContent = '延期申请' + (task.code ? ' — ' + task.code : '');
    $('task-code').textContent = task.code;
    $('task-name').textContent = task.title;
    $('task-name').title = task.name;
    $('task-stage').textContent = task.stage || '—';
    $('task-stage').hidden = !task.stage;
    if (task.currentDue) {
      $('current-due').textContent = task.currentDue;
      $('current-due-time').textContent = '（' + L.chinaDateTime(task.due.toISOString()).substring(11) + ' 前，北京时间）';
      $('new-due').min = nextDay(task.currentDue);
      $('min-hint').textContent = nextDay(task.currentDue);
    } else {
      $('current-due').textContent = '未设定';
      $('current-due').classList.add('none');
      $('min-hint').textContent = '任意日期';
    }
    // the server has the last word (its clock); this only warns
    $('overdue').hidden = !(task.due && task.due.getTime() <= Date.now());
    $('task').hidden = false;
  }

  /**
   * Whether an office user works this task itself (its assignee, or a member of a candidate group), read
   * from the webapp's engine API; null when that cannot be told (the server decides on submission).
   * Units are not asked: they may not read identity links, and the form is what they came for.
   */
  async function officeWorksTask(task) {
    const base = '/camunda/api/engine/engine/default/';
    const [links, groups] = await Promise.all([
      L.request('GET', base + 'task/' + encodeURIComponent(task.id) + '/identity-links'),
      L.request('GET', base + 'identity/groups?userId=' + encodeURIComponent(state.userId))
    ]);
    if (!links.ok || !Array.isArray(links.data) || !groups.ok || !groups.data) return null;
    const mine = new Set((groups.data.groups || []).map((g) => g.id));
    return links.data.some((link) => (link.type === 'assignee' && link.userId === state.userId)
      || (link.type === 'candidate' && ((link.groupId && mine.has(link.groupId)) || link.userId === state.userId)));
  }

  /** Why the browser refuses to send the request (the server checks the same); null if it may go. */
  function formProblems(newDue, reason) {
    const problems = [];
    if (!newDue) {
      problems.push('请选择新的完成期限。');
    } else if (!isIsoDate(newDue)) {
      problems.push('新的完成期限不是有效的日期，请重新选择。');
    } else if (state.task.currentDue && newDue <= state.task.currentDue) {
      problems.push('申请的新期限必须晚于当前期限' + state.task.currentDue + '。');
    }
    if (!reason) problems.push('请填写延期理由。');
    return problems.length ? problems.join('') : null;
  }

  function setSending(sending) {
    state.sending = sending;
    const button = $('submit-button');
    button.disabled = sending;
    button.textContent = sending ? '正在提交……' : '提交延期申请';
    $('new-due').readOnly = sending;
    $('reason').readOnly = sending;
  }

  async function submit(event) {
    event.preventDefault();
    if (state.sending || !state.task) return; // a double click or a second submission sends nothing
    const newDue = $('new-due').value.trim();
    const reason = $('reason').value.trim();
    const problem = formProblems(newDue, reason);
    $('new-due').classList.toggle('invalid', !!problem && (!newDue || !isIsoDate(newDue)
      || (state.task.currentDue && newDue <= state.task.currentDue)));
    $('reason').classList.toggle('invalid', !!problem && !reason);
    if (problem) {
      show('form-message', problem);
      return;
    }
    show('form-message', '');
    setSending(true);
    const result = await L.request('POST', '/api/extensions', { taskId: state.task.id, newDueDate: newDue, reason });
    setSending(false);
    if (!result.ok) {
      show('form-message', '延期申请未提交：' + L.failure(result));
      // a request filed meanwhile (another window) shows up, and the form gives way to the note
      await refreshRequests();
      return;
    }
    const request = result.data || {};
    $('extension-form').hidden = true;
    $('overdue').hidden = true;
    $('success').textContent = SUCCESS;
    $('submitted-due').textContent = request.requestedDue || newDue;
    $('submitted-at').textContent = L.chinaDateTime(request.createdAt) || '—';
    $('submitted-reason').textContent = request.reason || reason;
    $('submitted').hidden = false;
    await refreshRequests();
  }

  /** After a submission: the office's lists, or the unit's list of this reform task's requests. */
  async function refreshRequests() {
    if (state.office) {
      await refreshLists().catch((error) => show('decision-message', '延期申请列表刷新失败：' + error.message));
    } else {
      await refreshHistory();
    }
  }

  /**
   * While a request for this very task is pending no other may be filed (the server answers 409): the form
   * gives way to a note saying so, and comes back once the request is decided.
   */
  function applyPending(requests) {
    if (!state.task || !state.mayApply) return;
    const pending = requests.some((r) => r.camundaTaskId === state.task.id && r.status === 'PENDING');
    $('extension-form').hidden = pending;
    $('pending-note').hidden = !pending;
  }

  // --- unit view: this reform task's requests ----------------------------------------------------

  /** The reform task's requests, newest first; null when the user may not see them (403) or no such task (404). */
  async function loadHistory() {
    const result = await L.request('GET', '/api/extensions?taskCode=' + encodeURIComponent(state.code));
    if (result.status === 403 || result.status === 404) return null;
    if (!result.ok || !Array.isArray(result.data)) throw new Error('本任务的延期申请加载失败：' + L.failure(result));
    return result.data;
  }

  function renderHistory(requests) {
    const tbody = $('history-rows');
    tbody.textContent = '';
    requests.forEach((request) => {
      const tr = el('tr', null, 'status-' + request.status);
      tr.dataset.id = request.id;
      tr.dataset.taskId = request.camundaTaskId;
      tr.appendChild(cell(request.stageName, 'stage-name'));
      tr.appendChild(cell(request.requestedDue, 'date requested-due'));
      tr.appendChild(cell(request.reason, 'reason text'));
      tr.appendChild(statusCell(request));
      tr.appendChild(cell(request.decisionComment, 'decision-comment text'));
      tr.appendChild(cell(L.chinaDateTime(request.createdAt), 'date created-at'));
      tbody.appendChild(tr);
    });
    showSize('history', requests.length);
  }

  /**
   * Loads and shows the unit's list (nothing for a task the user takes no part in); a failure is said in the
   * section and leaves the form as it is: the server still refuses a second pending request.
   */
  async function refreshHistory() {
    if (state.office || !state.code) return;
    let requests;
    try {
      requests = await loadHistory();
    } catch (error) {
      show('history-message', error.message);
      $('history').hidden = false;
      return;
    }
    if (requests === null) {
      $('history').hidden = true;
      return;
    }
    show('history-message', '');
    renderHistory(requests);
    applyPending(requests);
    $('history').hidden = false;
  }

  // --- office view: pending and decided requests -------------------------------------------------

  function codeCell(request) {
    const td = el('td', null, 'code');
    if (request.taskCode) {
      const a = el('a', request.taskCode);
      a.href = L.entryUrl(request.taskCode);
      td.appendChild(a);
    } else {
      td.textContent = '—';
    }
    return td;
  }

  function personCell(userId, className) {
    const td = cell(userId, className);
    if (userId) L.userName(userId).then((name) => { td.textContent = name || userId; });
    return td;
  }

  function statusCell(request) {
    const td = el('td', null, 'status');
    td.appendChild(el('span', STATUS_LABELS[request.status] || request.status, 'badge status-' + request.status));
    return td;
  }

  /** A list's table, or its empty note when there is nothing, and its count: name-table, name-empty, name-count. */
  function showSize(name, count) {
    $(name + '-table').hidden = count === 0;
    $(name + '-empty').hidden = count > 0;
    $(name + '-count').textContent = count ? '共 ' + count + ' 件' : '';
  }

  function commonCells(tr, request) {
    tr.dataset.id = request.id;
    tr.dataset.taskId = request.camundaTaskId;
    tr.appendChild(codeCell(request));
    tr.appendChild(cell(request.stageName, 'stage-name'));
    tr.appendChild(personCell(request.requestedBy, 'requested-by'));
    tr.appendChild(cell(request.currentDue, 'date current-due'));
    tr.appendChild(cell(request.requestedDue, 'date requested-due'));
    tr.appendChild(cell(request.reason, 'reason text'));
    tr.appendChild(cell(L.chinaDateTime(request.createdAt), 'date created-at'));
  }

  function renderPending(requests) {
    const tbody = $('pending');
    tbody.textContent = '';
    requests.forEach((request) => {
      const tr = el('tr');
      commonCells(tr, request);
      const commentCell = el('td', null, 'comment');
      const input = el('textarea', null, 'decision-comment');
      input.rows = 2;
      input.maxLength = 4000;
      input.setAttribute('aria-label', '审批意见');
      input.value = state.comments.get(request.id) || '';
      input.addEventListener('input', () => {
        state.comments.set(request.id, input.value);
        input.classList.remove('invalid');
      });
      commentCell.appendChild(input);
      tr.appendChild(commentCell);
      const actions = el('td', null, 'actions');
      const approve = el('button', '同意', 'approve primary');
      approve.type = 'button';
      approve.addEventListener('click', () => decide(request, true, input));
      const reject = el('button', '不同意', 'reject danger');
      reject.type = 'button';
      reject.addEventListener('click', () => decide(request, false, input));
      actions.appendChild(approve);
      actions.appendChild(reject);
      tr.appendChild(actions);
      tbody.appendChild(tr);
    });
    showSize('pending', requests.length);
    updateDecisionButtons();
  }

  function renderDecided(requests) {
    const tbody = $('decided');
    tbody.textContent = '';
    requests.forEach((request) => {
      const tr = el('tr', null, 'status-' + request.status);
      commonCells(tr, request);
      tr.appendChild(statusCell(request));
      tr.appendChild(personCell(request.decidedBy, 'decided-by'));
      tr.appendChild(cell(request.decisionComment, 'decision-comment text'));
      tr.appendChild(cell(L.chinaDateTime(request.decidedAt), 'date decided-at'));
      tbody.appendChild(tr);
    });
    showSize('decided', requests.length);
  }

  function updateDecisionButtons() {
    document.querySelectorAll('#pending button').forEach((b) => { b.disabled = state.deciding; });
    document.querySelectorAll('#pending textarea').forEach((t) => { t.readOnly = state.deciding; });
  }

  const ofThisTask = (request) => !taskId || request.camundaTaskId === taskId;

  async function refreshLists(pending) {
    const [waiting, all] = await Promise.all([
      pending ? Promise.resolve(pending) : L.api('/api/extensions?status=PENDING'),
      L.api('/api/extensions')
    ]);
    const shownPending = (waiting || []).filter(ofThisTask);
    // oldest first: they are decided in the order they came in
    shownPending.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
    const decided = (all || []).filter((r) => r.status !== 'PENDING').filter(ofThisTask);
    // latest decision first
    decided.sort((a, b) => Date.parse(b.decidedAt || b.createdAt) - Date.parse(a.decidedAt || a.createdAt) || b.id - a.id);
    const live = new Set(shownPending.map((r) => r.id));
    [...state.comments.keys()].forEach((id) => { if (!live.has(id)) state.comments.delete(id); });
    renderPending(shownPending);
    renderDecided(decided);
    applyPending(shownPending);
    $('office').hidden = false;
  }

  async function decide(request, approve, input) {
    if (state.deciding) return; // one decision at a time; double clicks send nothing twice
    show('decision-done', '');
    const comment = input.value.trim();
    if (!approve && !comment) {
      input.classList.add('invalid');
      input.focus();
      show('decision-message', '不同意延期时请填写审批意见。');
      return;
    }
    show('decision-message', '');
    state.deciding = true;
    updateDecisionButtons();
    const who = request.taskCode ? request.taskCode + '（' + (request.stageName || '') + '）' : '该待办';
    const confirmed = await window.ReformConfirm(approve ? '确认同意延期？' : '确认不同意延期？', [
      '改革任务：' + who,
      approve ? '完成期限由' + request.currentDue + '延至' + request.requestedDue + '（当天 18:00），催办提醒按新期限重新安排。'
        : '完成期限仍为' + request.currentDue + '。',
      '延期理由：' + (request.reason || ''),
      comment ? '审批意见：' + comment : '',
      '审批结果记入台账，不能撤回。'
    ], approve ? '同意延期' : '不同意延期');
    if (!confirmed) {
      state.deciding = false;
      updateDecisionButtons();
      return;
    }
    const result = await L.request('POST', '/api/extensions/' + encodeURIComponent(request.id) + '/decision',
      { approve, comment: comment || null });
    state.deciding = false;
    if (result.ok) {
      state.comments.delete(request.id);
      show('decision-done', approve
        ? '已同意' + who + '的延期申请，完成期限延至' + request.requestedDue + '。'
        : '已不同意' + who + '的延期申请，完成期限仍为' + request.currentDue + '。');
    } else {
      show('decision-message', '审批未完成：' + L.failure(result));
    }
    // also after a refusal: the request may have been decided meanwhile, or its task finished
    await refreshLists().catch((error) => show('decision-message', '延期申请列表刷新失败：' + error.message));
  }

  // --- start -------------------------------------------------------------------------------------

  /** The pending requests if the user is office staff; null for everyone else (403). */
  async function probeOffice() {
    try {
      return await L.api('/api/extensions?status=PENDING');
    } catch (error) {
      if (error.status === 403) return null;
      throw error;
    }
  }

  async function load() {
    state.userId = (await L.checkLogin()).userId;
    const pending = await probeOffice();
    state.office = pending !== null;
    if (codeParam) {
      L.linkEntry(codeParam);
    }

    if (taskId) {
      const task = await loadTask();
      if (task) {
        state.task = task;
        state.code = task.reformCode || codeParam;
        state.mayApply = !(state.office && await officeWorksTask(task) === false);
        if (!state.mayApply) {
          // a unit's task: the office decides below instead of applying
          $('extension-form').hidden = true;
          $('office-note').hidden = false;
        }
        // before the task is shown: a pending request replaces the form without it flashing up
        await refreshHistory();
        renderTask(task);
        if (!codeParam && task.code) {
          L.linkEntry(task.code);
        }
      } else {
        show('message', NOT_VISIBLE);
        // the task may be finished: its reform task's requests still say what became of them
        state.code = codeParam;
        await refreshHistory();
      }
    } else if (!state.office) {
      $('howto').hidden = false;
      state.code = codeParam;
      await refreshHistory();
    }

    if (state.office) {
      if (taskId) {
        $('pending-title').textContent = '本待办的延期申请 · 待审批';
        $('decided-title').textContent = '本待办的延期申请 · 已处理';
        $('all-link').hidden = false;
      } else {
        document.title = '延期申请审批 — 改革任务督办平台';
        $('heading').textContent = '延期申请审批';
      }
      await refreshLists(pending);
    }
    $('loading').hidden = true;
  }

  $('extension-form').addEventListener('submit', submit);
  load().catch(L.report);
})();
