// 工作日历 page: reads /api/calendar with the Tasklist/Cockpit login of this browser; the office edits a year.
(function () {
  'use strict';

  var WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
  // month grids start weeks on Monday, as Chinese calendars do
  var WEEK_HEADS = ['一', '二', '三', '四', '五', '六', '日'];
  var $ = function (id) { return document.getElementById(id); };
  var current = null;

  function showLogin() {
    $('login').hidden = false;
    $('viewer').hidden = true;
    $('editor').hidden = true;
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
      // the person's name, not the login id
      fetch('/camunda/api/engine/engine/default/user/' + encodeURIComponent(user.userId) + '/profile', {
        headers: { 'Accept': 'application/json' }, credentials: 'same-origin'
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (profile) {
        if (profile) {
          $('user').textContent = '当前用户：' + [profile.firstName, profile.lastName].filter(Boolean).join(' ');
        }
      }).catch(function () { /* keep the id */ });
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
          var error = new Error((data && (data.detail || data.message)) || ('请求失败（' + response.status + '）'));
          error.problems = data && data.errors;
          throw error;
        }
        return data;
      });
    });
  }

  function show(text, kind) {
    var box = $('message');
    box.textContent = text;
    box.className = 'notice' + (kind ? ' ' + kind : '');
    box.hidden = !text;
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function parseDate(iso) {
    var parts = iso.split('-');
    return new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2]));
  }

  function iso(date) {
    return date.toISOString().substring(0, 10);
  }

  function weekday(isoDate) {
    return '星期' + WEEKDAYS[parseDate(isoDate).getUTCDay()];
  }

  function loadYears() {
    return api('GET', '/api/calendar').then(function (years) {
      var thisYear = new Date().getFullYear();
      var set = {};
      years.forEach(function (y) { set[y.year] = true; });
      [thisYear - 1, thisYear, thisYear + 1].forEach(function (y) { set[y] = true; });
      var select = $('year');
      select.textContent = '';
      Object.keys(set).map(Number).sort().reverse().forEach(function (y) {
        var known = years.some(function (k) { return k.year === y; });
        var option = el('option', y + '年' + (known ? '' : '（未公布）'));
        option.value = y;
        select.appendChild(option);
      });
      var wanted = Number(new URLSearchParams(location.search).get('year')) || thisYear;
      select.value = set[wanted] ? wanted : thisYear;
    });
  }

  function loadYear() {
    var year = Number($('year').value);
    return api('GET', '/api/calendar/' + year).then(function (view) {
      current = view;
      render(view);
    });
  }

  function render(view) {
    $('viewer').hidden = false;
    $('source').textContent = '来源：' + view.sourceLabel;
    $('provisional').hidden = view.announced;
    $('rule').textContent = '期限计算规则：' + view.countingRule + '。';
    $('updated').textContent = view.updatedAt
      ? '最近更新：' + view.updatedAt.substring(0, 16).replace('T', ' ') + (view.updatedByName ? '（' + view.updatedByName + '）' : '') + '。'
      : '';
    var papers = $('papers');
    papers.textContent = '';
    (view.papers || []).forEach(function (url, i) {
      var a = el('a', i === 0 ? '通知原文' : '通知原文' + (i + 1));
      if (/^https?:\/\//.test(url)) { a.href = url; a.target = '_blank'; a.rel = 'noopener'; }
      papers.appendChild(a);
      papers.appendChild(document.createTextNode(' '));
    });

    var tbody = $('days');
    tbody.textContent = '';
    view.days.forEach(function (day) {
      var tr = el('tr', null, day.isOffDay ? 'off' : 'makeup');
      tr.appendChild(el('td', day.date));
      tr.appendChild(el('td', weekday(day.date)));
      tr.appendChild(el('td', day.name));
      tr.appendChild(el('td', day.isOffDay ? '放假' : '调休上班'));
      tbody.appendChild(tr);
    });
    $('no-days').hidden = view.days.length > 0;
    renderMonths(view);

    $('editor').hidden = !view.editable;
    if (view.editable) {
      fillRows(view.days);
      $('json').value = JSON.stringify(view.days, null, 2);
    }
  }

  function renderMonths(view) {
    var named = {};
    view.days.forEach(function (day) { named[day.date] = day; });
    var today = iso(new Date(Date.now() - new Date().getTimezoneOffset() * 60000));
    var container = $('months');
    container.textContent = '';
    for (var month = 0; month < 12; month++) {
      var box = el('div', null, 'month');
      box.appendChild(el('h3', view.year + '年' + (month + 1) + '月'));
      var grid = el('div', null, 'grid');
      WEEK_HEADS.forEach(function (w) { grid.appendChild(el('span', w, 'head')); });
      var first = new Date(Date.UTC(view.year, month, 1));
      for (var blank = 0; blank < (first.getUTCDay() + 6) % 7; blank++) { grid.appendChild(el('span', '')); }
      for (var d = first; d.getUTCMonth() === month; d = new Date(d.getTime() + 86400000)) {
        var key = iso(d);
        var day = named[key];
        var weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
        var kind = day ? (day.isOffDay ? 'off' : 'makeup') : (weekend ? 'weekend' : 'work');
        var cell = el('span', String(d.getUTCDate()), kind + (key === today ? ' today' : ''));
        cell.title = key + ' ' + weekday(key) + (day ? ' ' + day.name + (day.isOffDay ? ' 放假' : ' 调休上班')
          : (weekend ? ' 休息' : ' 工作日'));
        grid.appendChild(cell);
      }
      box.appendChild(grid);
      container.appendChild(box);
    }
  }

  function fillRows(days) {
    var tbody = $('rows');
    tbody.textContent = '';
    days.forEach(addRow);
  }

  function addRow(day) {
    day = day || { date: '', name: '', isOffDay: true };
    var tr = el('tr');
    var date = el('input');
    date.type = 'text';
    date.value = day.date || '';
    date.min = current ? current.year + '-01-01' : '';
    date.max = current ? current.year + '-12-31' : '';
    var name = el('input');
    name.type = 'text';
    name.value = day.name || '';
    name.placeholder = '如：春节';
    var kind = el('select');
    [['true', '放假'], ['false', '调休上班']].forEach(function (o) {
      var option = el('option', o[1]);
      option.value = o[0];
      kind.appendChild(option);
    });
    kind.value = String(day.isOffDay !== false);
    var remove = el('button', '删除');
    remove.type = 'button';
    remove.addEventListener('click', function () { tr.remove(); });
    [date, name, kind, remove].forEach(function (input) {
      var td = el('td');
      td.appendChild(input);
      tr.appendChild(td);
    });
    $('rows').appendChild(tr);
    // 2027-01-01, 2027/1/1, 2027年1月1日; a Chinese month picker with weeks from Monday
    window.ReformDateInput.attach(date);
  }

  function rows() {
    return Array.prototype.map.call($('rows').querySelectorAll('tr'), function (tr) {
      var inputs = tr.querySelectorAll('input, select');
      return { date: inputs[0].value, name: inputs[1].value, isOffDay: inputs[2].value === 'true' };
    });
  }

  function showErrors(title, problems) {
    $('errors').hidden = !title;
    $('errors-title').textContent = title || '';
    var list = $('errors-list');
    list.textContent = '';
    (problems || []).forEach(function (p) { list.appendChild(el('li', p)); });
  }

  /** The rows whose date cannot be understood, or lies outside the year: Chinese problems, one per row. */
  function dateProblems(year) {
    var problems = [];
    Array.prototype.forEach.call($('rows').querySelectorAll('tr'), function (tr, i) {
      var input = tr.querySelector('input.date-input');
      var result = window.ReformDateInput.check(input);
      if (result.empty) {
        problems.push('第' + (i + 1) + '行：请填写日期。');
      } else if (result.error) {
        problems.push('第' + (i + 1) + '行：' + result.error);
      } else if (result.iso.substring(0, 4) !== String(year)) {
        problems.push('第' + (i + 1) + '行：' + window.ReformDateInput.format(result.iso) + '不在' + year + '年内。');
      }
    });
    return problems;
  }

  function save() {
    var year = Number($('year').value);
    showErrors('');
    var problems = dateProblems(year);
    if (problems.length) {
      showErrors('有日期填写不正确，未保存：', problems);
      $('errors').scrollIntoView();
      return;
    }
    $('save').disabled = true;
    api('PUT', '/api/calendar/' + year, rows()).then(function (view) {
      current = view;
      render(view);
      var changed = view.changedDays || [];
      show(year + '年工作日历已保存。' + (changed.length
        ? '以下日期的工作日状态已改变，相关期限将重新计算：' + changed.join('、') + '。'
        : '没有日期的工作日状态发生变化。'));
      $('message').scrollIntoView();
      return loadYears().then(function () { $('year').value = year; });
    }).catch(function (error) {
      if (error.message !== 'unauthenticated') {
        showErrors(error.message, error.problems);
        $('errors').scrollIntoView();
      }
    }).then(function () { $('save').disabled = false; });
  }

  function loadJson() {
    showErrors('');
    var parsed;
    try {
      parsed = JSON.parse($('json').value);
    } catch (e) {
      showErrors('JSON 格式不正确，请检查括号、引号和逗号。');
      return;
    }
    var days = Array.isArray(parsed) ? parsed : parsed && parsed.days;
    if (!Array.isArray(days)) {
      showErrors('未找到日期列表：请粘贴日期数组，或含有 days 的 holiday-cn 文件。');
      return;
    }
    if (!Array.isArray(parsed) && parsed.year && Number(parsed.year) !== Number($('year').value)) {
      showErrors('粘贴的内容是' + parsed.year + '年的安排，与所选年份不一致。');
      return;
    }
    fillRows(days);
    show('已载入 ' + days.length + ' 行，请核对后点击“保存整年安排”。');
  }

  $('year').addEventListener('change', function () {
    show('');
    showErrors('');
    history.replaceState(null, '', '?year=' + $('year').value);
    loadYear().catch(report);
  });
  $('add-row').addEventListener('click', function () { addRow(); });
  $('save').addEventListener('click', save);
  $('reset').addEventListener('click', function () { if (current) { render(current); showErrors(''); } });
  $('load-json').addEventListener('click', loadJson);

  function report(error) {
    if (error.message !== 'unauthenticated') { show(error.message, 'error'); }
  }

  checkLogin().then(loadYears).then(loadYear).catch(report);
})();
