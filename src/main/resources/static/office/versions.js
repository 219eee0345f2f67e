// 流程版本迁移 page (the office): the versions of reform-task with their running reform tasks, a dry run of a
// migration, starting Camunda's batch migration and following it. Reads /api/process-versions with the
// Tasklist/Cockpit login of this browser; everything shown is built with textContent.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var POLL_MS = 3000;
  var previewed = null; // the dry run shown, {from, to, canStart, movable}
  var busy = false;

  function showLogin() {
    $('login').hidden = false;
    ['versions-section', 'plan-section', 'result', 'progress-section'].forEach(function (id) { $(id).hidden = true; });
    throw new Error('unauthenticated');
  }

  // Asks the Camunda webapp (404 when nobody is logged in) rather than /api, whose 401 would make the
  // browser open its own password dialog.
  function checkLogin() {
    return fetch('/camunda/api/admin/auth/user/default', {
      headers: { 'Accept': 'application/json' }, credentials: 'same-origin'
    }).then(function (response) {
      if (!response.ok) { showLogin(); }
      return response.json();
    }).then(function (user) {
      $('user').textContent = '当前用户：' + user.userId;
    });
  }

  function api(method, path, body) {
    // X-Requested-With is required for state-changing requests authenticated by the webapp session
    var headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 401) {
        showLogin();
      }
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!response.ok) {
          throw new Error((data && (data.detail || data.message)) || ('请求失败（' + response.status + '）'));
        }
        return data;
      });
    });
  }

  function show(text, kind) {
    var box = $('message');
    box.textContent = text || '';
    box.className = 'notice' + (kind ? ' ' + kind : '');
    box.hidden = !text;
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
    return node;
  }

  function items(list, values, render, emptyText) {
    clear(list);
    if (!values.length) {
      list.appendChild(el('li', emptyText, 'empty'));
      return;
    }
    values.forEach(function (value) { list.appendChild(render(value)); });
  }

  function chinaTime(iso) {
    if (!iso) { return ''; }
    var date = new Date(iso);
    var parts = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      hour12: false
    }).formatToParts(date).reduce(function (all, part) { all[part.type] = part.value; return all; }, {});
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute;
  }

  function stepNames(steps) {
    return (steps || []).map(function (step) { return step.name; }).join('、');
  }

  // --- versions ------------------------------------------------------------------------------

  function loadVersions() {
    return api('GET', '/api/process-versions').then(function (versions) {
      var body = clear($('versions'));
      versions.forEach(function (v) {
        var row = el('tr');
        row.appendChild(el('td', '版本 ' + v.version));
        row.appendChild(el('td', chinaTime(v.deployedAt)));
        row.appendChild(el('td', String(v.runningInstances)));
        row.appendChild(el('td', v.latest ? '最新版本（新下达的改革任务按此版本运行）' : ''));
        body.appendChild(row);
      });
      fillSelects(versions);
      $('versions-section').hidden = false;
      $('plan-section').hidden = false;
    });
  }

  function fillSelects(versions) {
    var from = $('from');
    var to = $('to');
    var chosenFrom = from.value;
    var chosenTo = to.value;
    [from, to].forEach(clear);
    versions.forEach(function (v) {
      from.appendChild(el('option', '版本 ' + v.version + '（' + v.runningInstances + ' 个在办）')).value = String(v.version);
      to.appendChild(el('option', '版本 ' + v.version + (v.latest ? '（最新）' : ''))).value = String(v.version);
    });
    var latest = versions.length ? versions[versions.length - 1].version : null;
    var oldestRunning = versions.filter(function (v) { return v.runningInstances > 0 && !v.latest; })[0];
    from.value = chosenFrom || String(oldestRunning ? oldestRunning.version : (versions[0] || {}).version);
    to.value = chosenTo || String(latest);
  }

  // --- dry run -------------------------------------------------------------------------------

  function preview() {
    if (busy) { return; }
    busy = true;
    show('正在预览：逐个试迁移在办的改革任务，任务较多时需要稍等……');
    $('start').disabled = true;
    api('POST', '/api/process-versions/migration/dry-run', { from: Number($('from').value), to: Number($('to').value) })
      .then(function (dryRun) {
        previewed = dryRun;
        render(dryRun);
        show('');
      })
      .catch(function (error) { previewed = null; $('result').hidden = true; show(error.message, 'error'); })
      .then(function () { busy = false; });
  }

  function render(dryRun) {
    $('summary').textContent = dryRun.summary;
    $('summary').className = 'notice' + (dryRun.blocked.length || dryRun.planProblems.length ? ' warning' : '');
    $('problems-box').hidden = !dryRun.planProblems.length;
    items($('problems'), dryRun.planProblems, function (p) { return el('li', p); }, '');
    items($('added'), dryRun.added, function (s) { return el('li', s.name + '（' + s.activityId + '）'); }, '无');
    items($('removed'), dryRun.removed, function (s) { return el('li', s.name + '（' + s.activityId + '）'); }, '无');
    items($('triggers'), dryRun.eventTriggers, function (t) { return el('li', t.note); }, '无');
    $('blocked-count').textContent = '（' + dryRun.blocked.length + ' 个）';
    items($('blocked'), dryRun.blocked, function (b) {
      var li = el('li', b.message);
      (b.details || []).forEach(function (d) { li.appendChild(el('span', d, 'detail')); });
      return li;
    }, '无');
    $('movable-count').textContent = '（' + dryRun.movable.length + ' 个）';
    var body = clear($('movable'));
    dryRun.movable.forEach(function (m) {
      var row = el('tr');
      var code = el('td');
      var link = el('a', m.code || m.processInstanceId);
      if (m.code) { link.href = '/ledger/task.html?code=' + encodeURIComponent(m.code); }
      code.appendChild(link);
      row.appendChild(code);
      row.appendChild(el('td', m.title || ''));
      row.appendChild(el('td', stepNames(m.waitingAt)));
      body.appendChild(row);
    });
    $('result').hidden = false;
    $('start').disabled = !dryRun.canStart;
  }

  // --- migration -----------------------------------------------------------------------------

  function start() {
    if (busy || !previewed || !previewed.canStart) { return; }
    var from = previewed.from;
    var to = previewed.to;
    window.ReformConfirm('确认开始迁移？', [
      '把版本 ' + from + ' 上可以迁移的 ' + previewed.movable.length + ' 个改革任务迁移到版本 ' + to + '。',
      previewed.blocked.length ? previewed.blocked.length + ' 个不能迁移的改革任务留在版本 ' + from + '。' : '',
      '迁移在后台分批进行，开始后不能在本页撤销；待办任务、催办提醒和季度报送定时保持不变。'
    ], '开始迁移').then(function (confirmed) {
      if (!confirmed) { return; }
      busy = true;
      $('start').disabled = true;
      api('POST', '/api/process-versions/migration', { from: from, to: to })
        .then(function (started) {
          show(started.message);
          history.replaceState(null, '', '?batch=' + encodeURIComponent(started.batchId));
          follow(started.batchId);
        })
        .catch(function (error) { show(error.message, 'error'); })
        .then(function () { busy = false; });
    });
  }

  function follow(batchId) {
    $('progress-section').hidden = false;
    api('GET', '/api/process-versions/migration/' + encodeURIComponent(batchId)).then(function (progress) {
      var box = $('progress');
      box.textContent = '批处理 ' + progress.batchId + '（' + progress.stateLabel + '）：' + progress.message;
      box.className = 'notice' + (progress.state === 'COMPLETED' ? '' : progress.state === 'RUNNING' ? ' warning'
        : ' error');
      items($('failures'), progress.failures || [], function (f) {
        var li = el('li', f.message);
        li.appendChild(el('span', f.detail, 'detail'));
        return li;
      }, '');
      if (progress.state === 'RUNNING' || progress.state === 'FAILING') {
        window.setTimeout(function () { follow(batchId); }, POLL_MS);
      } else {
        // the preview shown is of the state before the migration
        previewed = null;
        $('result').hidden = true;
        loadVersions().catch(function (error) { show(error.message, 'error'); });
      }
    }).catch(function (error) { $('progress').textContent = error.message; $('progress').className = 'notice error'; });
  }

  $('preview').addEventListener('click', preview);
  $('start').addEventListener('click', start);
  ['from', 'to'].forEach(function (id) {
    $(id).addEventListener('change', function () { $('start').disabled = true; $('result').hidden = true; });
  });

  checkLogin().then(loadVersions).then(function () {
    var batch = new URLSearchParams(window.location.search).get('batch');
    if (batch) { follow(batch); }
  }).catch(function (error) {
    if (error.message !== 'unauthenticated') { show(error.message, 'error'); }
  });
})();
