// 改革办操作 on the ledger entry page (task.html?code=…), for the reform office and admins only: assign a task
// awaiting assignment (待分配) to units chosen from the organization's list and start it, start an inspection
// (督查) with its reason, ask for this quarter's report (季度报送) now. The server decides who may (403 for
// everyone else, GET /api/tasks/{code}/office-actions) and what is possible now; every action asks for
// confirmation first, sends once however often it is clicked, and shows the server's Chinese answer.
// task.js announces each (re)load of the task with the event 'reform-task-loaded'.
(function () {
  'use strict';

  const L = window.ReformLedger;
  const { $, el } = L;
  const state = { busy: false, task: null, actions: null, reload: null };

  function enc(text) {
    return encodeURIComponent(text);
  }

  function section() {
    return $('office-actions');
  }

  /** The section's frame once: heading and the two message boxes (kept across reloads), then the actions. */
  function frame() {
    const s = section();
    if (!$('office-actions-body')) {
      s.appendChild(el('h2', '改革办操作'));
      s.appendChild(el('p', '仅市委改革办工作人员和系统管理员可见、可办理。每项操作均需确认后执行。', 'hint'));
      const error = el('div', null, 'notice error');
      error.id = 'office-message';
      error.setAttribute('role', 'alert');
      error.hidden = true;
      s.appendChild(error);
      const done = el('div', null, 'notice');
      done.id = 'office-done';
      done.setAttribute('role', 'status');
      done.hidden = true;
      s.appendChild(done);
      const body = el('div');
      body.id = 'office-actions-body';
      s.appendChild(body);
    }
    return $('office-actions-body');
  }

  function showError(text) {
    L.show('office-message', text);
    if (text) L.show('office-done', '');
  }

  function showDone(text) {
    L.show('office-done', text);
    if (text) L.show('office-message', '');
  }

  function field(labelText, control, hint, required) {
    const row = el('div', null, 'field');
    const label = el('label', labelText, required ? 'required' : '');
    label.htmlFor = control.id;
    row.appendChild(label);
    const cell = el('div');
    cell.appendChild(control);
    if (hint) cell.appendChild(el('p', hint, 'hint'));
    row.appendChild(cell);
    return row;
  }

  function unitSelect(id, multiple, units) {
    const select = el('select');
    select.id = id;
    select.multiple = multiple;
    if (multiple) {
      select.size = Math.min(8, Math.max(4, units.length));
    } else {
      const none = el('option', '请选择牵头单位……');
      none.value = '';
      select.appendChild(none);
    }
    units.forEach((unit) => {
      const option = el('option', unit.name);
      option.value = unit.id;
      select.appendChild(option);
    });
    return select;
  }

  function selected(select) {
    return [...select.selectedOptions].map((o) => o.value).filter(Boolean);
  }

  function unitName(id) {
    const unit = (state.actions.units || []).find((u) => u.id === id);
    return unit ? unit.name : id;
  }

  function button(id, label) {
    const b = el('button', label, 'primary');
    b.type = 'button';
    b.id = id;
    return b;
  }

  function setBusy(busy) {
    state.busy = busy;
    section().querySelectorAll('button, select, textarea').forEach((c) => { c.disabled = busy; });
  }

  /**
   * Asks, then sends once: a second click while the dialog is open or the request is under way does nothing.
   * The answer (success or the server's refusal) shows above the actions; afterwards the page is reloaded.
   */
  async function act(question, lines, okLabel, path, body, success) {
    if (state.busy) return;
    // the answer of an earlier action gives way to this one's
    L.show('office-message', '');
    L.show('office-done', '');
    setBusy(true);
    try {
      if (!await window.ReformConfirm(question, lines, okLabel)) return;
      showError('');
      const result = await L.request('POST', path, body);
      if (result.ok) {
        showDone(success(result.data || {}));
      } else {
        showError('操作未完成：' + L.failure(result));
      }
      await state.reload().catch((error) => showError('页面刷新失败：' + error.message));
    } finally {
      setBusy(false);
    }
  }

  // --- 分配牵头单位 (待分配) ------------------------------------------------------------------------

  function assignBlock(actions) {
    const block = el('div', null, 'action assign');
    block.appendChild(el('h3', '分配牵头单位并启动'));
    block.appendChild(el('p', '该任务导入时没有牵头单位（待分配）。从组织机构中选择牵头单位（第一个为主牵头单位）和协同单位，'
      + '确认后启动流程，主牵头单位随即收到“方案制定”待办。', 'hint'));
    const units = actions.units || [];
    const lead = unitSelect('assign-lead', false, units);
    const colead = unitSelect('assign-colead', true, units);
    const coop = unitSelect('assign-coop', true, units);
    block.appendChild(field('主牵头单位', lead, '负责起草方案、组织实施和报送。', true));
    block.appendChild(field('其他牵头单位', colead, '可不选；按住 Ctrl（Mac 上为 ⌘）可选多个。'));
    block.appendChild(field('协同单位', coop, '可不选；按住 Ctrl（Mac 上为 ⌘）可选多个。'));
    const buttons = el('div', null, 'buttons');
    const go = button('assign-button', '分配并启动');
    buttons.appendChild(go);
    block.appendChild(buttons);
    [lead, colead, coop].forEach((s) => s.addEventListener('change', () => {
      s.classList.remove('invalid');
      showError('');
    }));
    go.addEventListener('click', () => {
      if (state.busy) return;
      const primary = lead.value;
      const leads = [primary, ...selected(colead).filter((id) => id !== primary)].filter(Boolean);
      const coops = selected(coop);
      if (!primary) {
        lead.classList.add('invalid');
        showError('请选择主牵头单位。');
        return;
      }
      const both = coops.filter((id) => leads.includes(id));
      if (both.length) {
        coop.classList.add('invalid');
        showError('单位不能同时是牵头单位和协同单位：' + both.map(unitName).join('、') + '。');
        return;
      }
      act('确认分配牵头单位并启动改革任务？', [
        '改革任务：' + state.task.code + ' ' + state.task.title,
        '牵头单位：' + leads.map(unitName).join('、') + (leads.length > 1 ? '（' + unitName(primary) + '为主牵头单位）' : ''),
        '协同单位：' + (coops.length ? coops.map(unitName).join('、') : '无'),
        '确认后启动流程，' + unitName(primary) + '将收到“方案制定”待办；分配后不能在此修改。'
      ], '分配并启动', '/api/tasks/' + enc(state.task.code) + '/assignment', { leadUnits: leads, coopUnits: coops },
      (data) => '已分配并启动：牵头单位 ' + (data.leadUnits || leads.map(unitName)).join('、')
        + (coops.length ? '，协同单位 ' + (data.coopUnits || coops.map(unitName)).join('、') : '')
        + '。' + unitName(primary) + '已收到“方案制定”待办。');
    });
    return block;
  }

  // --- 发起督查 ------------------------------------------------------------------------------------

  function inspectionBlock() {
    const block = el('div', null, 'action inspection');
    block.appendChild(el('h3', '发起督查'));
    const reason = el('textarea');
    reason.id = 'inspection-reason';
    reason.rows = 3;
    reason.maxLength = 2000;
    reason.addEventListener('input', () => {
      reason.classList.remove('invalid');
      showError('');
    });
    block.appendChild(field('督查事由', reason, '说明督查的原因和重点，例如：季度抽查、进度滞后。督查任务进入市委改革办的待办，'
      + '督查表单的历史记录中显示本事由。', true));
    const buttons = el('div', null, 'buttons');
    const go = button('inspection-button', '发起督查');
    buttons.appendChild(go);
    block.appendChild(buttons);
    go.addEventListener('click', () => {
      if (state.busy) return;
      const text = reason.value.trim();
      if (!text) {
        reason.classList.add('invalid');
        reason.focus();
        showError('请填写督查事由。');
        return;
      }
      act('确认发起督查？', [
        '改革任务：' + state.task.code + ' ' + state.task.title,
        '督查事由：' + text,
        '确认后，“督查”任务进入市委改革办的待办（任务办理）。'
      ], '发起督查', '/api/tasks/' + enc(state.task.code) + '/inspections', { reason: text },
      () => '已发起督查（事由：' + text + '）。“督查”任务已进入市委改革办的待办，请在任务办理中办理。');
    });
    return block;
  }

  // --- 季度报送 ------------------------------------------------------------------------------------

  function alreadyRequested(actions) {
    return '改革任务“' + actions.code + '”的' + actions.currentQuarter
      + '报送已经发起，同一季度不能重复发起。请在任务办理中查看该季度报送的办理情况。';
  }

  function quarterlyBlock(actions) {
    const block = el('div', null, 'action quarterly');
    block.appendChild(el('h3', '季度报送'));
    const status = el('p', '本季度（' + actions.currentQuarter + '）：'
      + (actions.quarterlyReportRequested ? '报送已经发起。' : '尚未发起报送。'), 'state');
    status.id = 'quarterly-state';
    block.appendChild(status);
    block.appendChild(el('p', '季度报送在每季度最后一天 09:00 自动发起；需要提前报送时，可在此要求牵头单位现在报送本季度进展。'
      + '每个季度只发起一次。', 'hint'));
    const buttons = el('div', null, 'buttons');
    const go = button('quarterly-button', '发起本季度报送');
    buttons.appendChild(go);
    block.appendChild(buttons);
    go.addEventListener('click', () => {
      if (state.busy) return;
      if (actions.quarterlyReportRequested) {
        showError(alreadyRequested(actions));
        return;
      }
      act('确认发起' + actions.currentQuarter + '报送？', [
        '改革任务：' + state.task.code + ' ' + state.task.title,
        '确认后，牵头单位' + L.partyNames((state.task.leadUnits || []).slice(0, 1))
          + '将收到“' + actions.currentQuarter + '报送”待办；本季度不能再次发起。'
      ], '发起报送', '/api/tasks/' + enc(state.task.code) + '/quarterly-report', undefined,
      (data) => data.message || ('已发起' + actions.currentQuarter + '报送。'));
    });
    return block;
  }

  function render(actions) {
    state.actions = actions;
    const body = frame();
    body.textContent = '';
    if (actions.canAssign) body.appendChild(assignBlock(actions));
    if (actions.canInspect) body.appendChild(inspectionBlock());
    if (actions.canRequestQuarterlyReport || actions.quarterlyReportRequested) body.appendChild(quarterlyBlock(actions));
    if (!body.children.length) {
      body.appendChild(el('p', '该任务当前处于“' + actions.stageLabel + '”阶段，没有可办理的改革办操作'
        + '（分配牵头单位限待分配的任务，督查和季度报送限实施阶段）。', 'hint none-available'));
    }
    section().hidden = false;
  }

  async function show(detail) {
    state.task = detail.task;
    state.reload = detail.reload;
    const s = section();
    if (!s) return;
    // units and leaders: nothing to show (the server refuses them too)
    if (!detail.user.canUseCockpit) {
      s.hidden = true;
      return;
    }
    const result = await L.request('GET', '/api/tasks/' + enc(detail.task.code) + '/office-actions');
    if (result.status === 403) {
      s.hidden = true;
      return;
    }
    if (!result.ok) {
      frame();
      s.hidden = false;
      showError('改革办操作加载失败：' + L.failure(result));
      return;
    }
    render(result.data);
    if (state.busy) setBusy(true);
  }

  document.addEventListener('reform-task-loaded', (event) => { show(event.detail); });
})();
