// 督查督办驾驶舱: the year's figures from GET /api/dashboard (scoped on the server: the office sees every task,
// a leader or a unit their own) drawn with ECharts (the webjar, canvas). A click on a slice or bar opens the
// ledger (/ledger/index.html) with the matching filter in its address (light=RED&year=2026, unit=fgw&overdue=true…).
// Calls the server with the Camunda webapp login of this browser; X-Requested-With keeps a 401 from opening the
// browser's password dialog. No inline script or style: the pages' Content-Security-Policy forbids them, so
// tooltips are built as DOM elements, coloured through the CSSOM.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);

  const LEDGER = '/ledger/index.html';
  const TASK = '/ledger/task.html';
  const EMPTY = '暂无数据';
  const OFFLINE = '无法连接服务器，请检查网络后刷新本页。';
  const LIGHT_COLORS = { RED: '#d32f2f', YELLOW: '#f9a825', GREEN: '#43a047', CLOSED: '#78909c', UNASSIGNED: '#bdbdbd' };
  const STAGE_COLORS = {
    AWAITING_ASSIGNMENT: '#9e9e9e', DRAFTING: '#1e88e5', APPROVAL: '#fb8c00', IMPLEMENTATION: '#43a047',
    CLOSE_OUT_REVIEW: '#8e24aa', CLOSED: '#546e7a'
  };
  const ON_TIME_COLORS = ['#66bb6a', '#2e7d32', '#26a69a', '#00695c'];
  const LATE_COLORS = ['#ef5350', '#b71c1c', '#ff7043', '#bf360c'];
  const TEXT = { color: '#333', fontFamily: '"PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif' };

  const charts = {};
  let year = null;

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

  function show(id, text) {
    $(id).textContent = text || '';
    $(id).hidden = !text;
  }

  function showLogin() {
    $('login').hidden = false;
    $('loading').hidden = true;
    $('dashboard').hidden = true;
  }

  function showError(text) {
    show('message', text);
    $('loading').hidden = true;
  }

  /** Who is logged into the webapps of this browser (404 when nobody is), or null. */
  async function checkLogin() {
    const result = await request('/camunda/api/admin/auth/user/default');
    if (result.status === 0) throw new Error(OFFLINE);
    if (!result.ok || !result.data || !result.data.userId) return null;
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

  // --- links into the ledger -----------------------------------------------------------------------

  /** The ledger filtered as given, for the year shown: /ledger/index.html?light=RED&year=2026. */
  function ledgerUrl(filters) {
    const params = new URLSearchParams();
    Object.keys(filters || {}).forEach((name) => {
      if (filters[name] !== undefined && filters[name] !== null && filters[name] !== '') params.set(name, filters[name]);
    });
    params.set('year', year);
    return LEDGER + '?' + params.toString();
  }

  function go(filters) {
    window.location.assign(ledgerUrl(filters));
  }

  // --- tooltips (DOM, no inline markup) -----------------------------------------------------------

  /** A tooltip: a title, rows of [colour, name, value] and an optional hint below. */
  function tip(title, rows, hint) {
    const box = document.createElement('div');
    box.className = 'tip';
    const head = document.createElement('div');
    head.className = 'tip-title';
    head.textContent = title;
    box.appendChild(head);
    rows.forEach(([color, name, value]) => {
      const row = document.createElement('div');
      row.className = 'tip-row';
      const marker = document.createElement('span');
      marker.className = 'tip-marker';
      marker.style.backgroundColor = color;
      const label = document.createElement('span');
      label.className = 'tip-name';
      label.textContent = name;
      const figure = document.createElement('span');
      figure.className = 'tip-value';
      figure.textContent = value;
      row.append(marker, label, figure);
      box.appendChild(row);
    });
    if (hint) {
      const foot = document.createElement('div');
      foot.className = 'tip-hint';
      foot.textContent = hint;
      box.appendChild(foot);
    }
    return box;
  }

  const TOOLTIP = {
    confine: true, backgroundColor: 'rgba(255,255,255,0.97)', borderColor: '#ddd', textStyle: TEXT,
    extraCssText: 'box-shadow: 0 2px 8px rgba(0,0,0,.15);'
  };

  // --- charts --------------------------------------------------------------------------------------

  function chart(id, height, onClick) {
    const el = $(id);
    if (height) el.style.height = height + 'px';
    let instance = charts[id];
    if (!instance) {
      instance = window.echarts.init(el, null, { locale: 'ZH', renderer: 'canvas' });
      charts[id] = instance;
    } else {
      instance.resize();
    }
    instance.off('click');
    if (onClick) instance.on('click', onClick);
    return instance;
  }

  /** The chart's "暂无数据" state. */
  function empty(id) {
    chart(id, 300).setOption({
      textStyle: TEXT,
      title: { text: EMPTY, left: 'center', top: 'middle', textStyle: { color: '#999', fontSize: 15, fontWeight: 'normal' } }
    }, true);
  }

  /** A count with its measure word: 3 项. */
  const items = (n) => n + ' 项';

  /** Height of a chart with one row per category: at least min (300) pixels. */
  const rowsHeight = (rows, perRow, extra, min) => Math.max(min || 300, rows * perRow + extra);

  function drawLights(lights) {
    const shown = lights.filter((s) => s.count > 0);
    if (!shown.length) return empty('chart-lights');
    const total = shown.reduce((sum, s) => sum + s.count, 0);
    chart('chart-lights', 300, (p) => go({ light: p.data.id })).setOption({
      textStyle: TEXT,
      tooltip: Object.assign({ trigger: 'item', formatter: (p) => tip(p.name, [[p.color, '任务', items(p.value)
        + '（' + p.percent + '%）']], '点击在台账中查看') }, TOOLTIP),
      legend: { bottom: 0, icon: 'circle', textStyle: TEXT },
      title: { text: String(total), subtext: '项任务', left: 'center', top: '36%',
        textStyle: { fontSize: 24, fontWeight: 'bold', color: '#222' }, subtextStyle: { color: '#666', fontSize: 12 },
        itemGap: 2 },
      series: [{
        type: 'pie', radius: ['42%', '66%'], center: ['50%', '45%'], avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c} 项', color: '#333', lineHeight: 16 },
        data: shown.map((s) => ({ id: s.id, name: s.name, value: s.count, itemStyle: { color: LIGHT_COLORS[s.id] } }))
      }]
    }, true);
  }

  function drawStages(stages) {
    if (!stages.some((s) => s.count > 0)) return empty('chart-stages');
    chart('chart-stages', 300, (p) => go({ stage: p.data.id })).setOption({
      textStyle: TEXT,
      tooltip: Object.assign({ trigger: 'item', formatter: (p) => tip(p.name, [[p.color, '任务', items(p.value)]],
        '点击在台账中查看') }, TOOLTIP),
      grid: { left: 8, right: 12, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: stages.map((s) => s.name), axisLabel: { interval: 0, color: '#333' },
        axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{
        type: 'bar', barMaxWidth: 36, label: { show: true, position: 'top', formatter: (p) => (p.value ? p.value : '') },
        data: stages.map((s) => ({ id: s.id, value: s.count, itemStyle: { color: STAGE_COLORS[s.id] || '#607d8b' } }))
      }]
    }, true);
  }

  function drawCategories(categories) {
    if (!categories.length) return empty('chart-categories');
    const click = (p) => {
      const c = categories[p.dataIndex];
      go(p.seriesIndex === 1 ? { category: c.name, stage: 'CLOSED' } : { category: c.name });
    };
    chart('chart-categories', rowsHeight(categories.length, 34, 70), click).setOption({
      textStyle: TEXT,
      tooltip: Object.assign({
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: (ps) => {
          const c = categories[ps[0].dataIndex];
          const rate = c.total ? Math.round((c.closed * 100) / c.total) : 0;
          return tip(c.label, [['#43a047', '已销号', items(c.closed)], ['#cfd8dc', '任务总数', items(c.total)],
            ['transparent', '完成率', rate + '%']], '点击在台账中查看该类别的任务');
        }
      }, TOOLTIP),
      legend: { top: 0, textStyle: TEXT, data: ['已销号', '任务总数'] },
      grid: { left: 8, right: 56, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: categories.map((c) => c.label),
        axisLabel: { width: 120, overflow: 'truncate', color: '#333' } },
      series: [
        { name: '任务总数', type: 'bar', barMaxWidth: 20, itemStyle: { color: '#cfd8dc' }, barGap: '-100%',
          label: { show: true, position: 'right', color: '#333',
            formatter: (p) => categories[p.dataIndex].closed + ' / ' + categories[p.dataIndex].total },
          data: categories.map((c) => c.total) },
        { name: '已销号', type: 'bar', barMaxWidth: 20, itemStyle: { color: '#43a047' }, barGap: '-100%',
          data: categories.map((c) => c.closed) }
      ]
    }, true);
  }

  function drawOverdue(units) {
    if (!units.length) return empty('chart-overdue');
    chart('chart-overdue', rowsHeight(units.length, 30, 50), (p) => go({ unit: units[p.dataIndex].id, overdue: 'true' }))
      .setOption({
        textStyle: TEXT,
        tooltip: Object.assign({ trigger: 'item', formatter: (p) => tip(units[p.dataIndex].name,
          [['#e53935', '逾期任务', items(p.value)]], '点击在台账中查看该单位的逾期任务') }, TOOLTIP),
        grid: { left: 8, right: 40, top: 12, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: units.map((u) => u.name),
          axisLabel: { width: 120, overflow: 'truncate', color: '#333' } },
        series: [{ type: 'bar', barMaxWidth: 20, itemStyle: { color: '#e53935' },
          label: { show: true, position: 'right', color: '#333' }, data: units.map((u) => u.count) }]
      }, true);
  }

  function drawNotices(months) {
    if (!months.some((m) => m.count > 0)) return empty('chart-notices');
    chart('chart-notices', 300, () => go({ overdue: 'true' })).setOption({
      textStyle: TEXT,
      tooltip: Object.assign({ trigger: 'item', formatter: (p) => tip(months[p.dataIndex].label,
        [['#ef6c00', '签发督办单', p.value + ' 份']], '点击在台账中查看逾期任务') }, TOOLTIP),
      grid: { left: 8, right: 12, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => m.label), axisLabel: { interval: 0, color: '#333' },
        axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', barMaxWidth: 24, itemStyle: { color: '#ef6c00' },
        label: { show: true, position: 'top', formatter: (p) => (p.value ? p.value : '') },
        data: months.map((m) => m.count) }]
    }, true);
  }

  /** 2026年第1季度 → 第1季度 for the year shown. */
  function quarterName(quarter) {
    const prefix = year + '年';
    return quarter.startsWith(prefix) ? quarter.slice(prefix.length) : quarter;
  }

  function drawReports(quarters, reports) {
    if (!reports.length) return empty('chart-reports');
    const cell = (unit, quarter) => unit.quarters.find((q) => q.quarter === quarter) || { onTime: 0, late: 0 };
    const series = [];
    quarters.forEach((quarter, i) => {
      const name = quarterName(quarter);
      // each bar says its quarter: the quarters' greens (and reds) are told apart by their labels, not their shades
      const label = { show: true, position: 'inside', color: '#fff', formatter: (p) => (p.value ? name + ' ' + p.value + ' 份' : '') };
      series.push({ name: name + '按时', type: 'bar', stack: quarter, barMaxWidth: 18, label,
        itemStyle: { color: ON_TIME_COLORS[i % ON_TIME_COLORS.length] }, data: reports.map((u) => cell(u, quarter).onTime) });
      series.push({ name: name + '迟报', type: 'bar', stack: quarter, barMaxWidth: 18, label,
        itemStyle: { color: LATE_COLORS[i % LATE_COLORS.length] }, data: reports.map((u) => cell(u, quarter).late) });
    });
    // a series without any report (no late report in a quarter) stays out of the legend
    const shown = series.filter((one) => one.data.some((n) => n > 0));
    const height = rowsHeight(reports.length, Math.max(34, quarters.length * 20 + 14), 80, 200);
    chart('chart-reports', height, (p) => go({ unit: reports[p.dataIndex].unitId })).setOption({
      textStyle: TEXT,
      tooltip: Object.assign({
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: (ps) => {
          const unit = reports[ps[0].dataIndex];
          const rows = [];
          quarters.forEach((quarter, i) => {
            const c = cell(unit, quarter);
            if (c.onTime + c.late === 0) return;
            rows.push([ON_TIME_COLORS[i % ON_TIME_COLORS.length], quarterName(quarter) + '按时', c.onTime + ' 份']);
            rows.push([LATE_COLORS[i % LATE_COLORS.length], quarterName(quarter) + '迟报', c.late + ' 份']);
          });
          return tip(unit.unitName, rows, '点击在台账中查看该单位的任务');
        }
      }, TOOLTIP),
      legend: { type: 'scroll', top: 0, textStyle: TEXT },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: reports.map((u) => u.unitName),
        axisLabel: { width: 140, overflow: 'truncate', color: '#333' } },
      series: shown
    }, true);
  }

  // --- 本周新增红灯 ----------------------------------------------------------------------------------

  function drawRedList(items, weekStart, today) {
    // every plan year's tasks: a task of an earlier year turning red matters now
    $('week').textContent = '（' + weekStart + ' 至 ' + today + (String(today).startsWith(year + '-') ? '' : '，不限年度')
      + '）';
    const list = $('red-list');
    list.replaceChildren();
    items.forEach((item) => {
      const li = document.createElement('li');
      li.dataset.code = item.code;
      const when = document.createElement('span');
      when.className = 'when';
      when.textContent = item.at;
      const dot = document.createElement('span');
      dot.className = 'dot';
      const link = document.createElement('a');
      link.href = TASK + '?code=' + encodeURIComponent(item.code);
      const code = document.createElement('span');
      code.className = 'code';
      code.textContent = item.code;
      link.append(code, document.createTextNode(item.title));
      li.append(when, dot, link);
      if (!item.stillRed) {
        const cleared = document.createElement('span');
        cleared.className = 'cleared';
        cleared.textContent = '已解除';
        cleared.title = '该任务目前已不是红灯';
        li.appendChild(cleared);
      }
      const reason = document.createElement('span');
      reason.className = 'reason';
      reason.textContent = item.reason || '红灯';
      li.appendChild(reason);
      list.appendChild(li);
    });
    $('red-scroller').hidden = !items.length;
    $('red-empty').hidden = items.length > 0;
    $('red-scroller').scrollTop = 0;
  }

  /** Scrolls the list slowly when it overflows; stops while the pointer or the focus is on it. */
  function autoScroll() {
    const scroller = $('red-scroller');
    if (window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    let paused = false;
    let dwell = 0;
    const pause = () => { paused = true; };
    const resume = () => { paused = false; };
    scroller.addEventListener('mouseenter', pause);
    scroller.addEventListener('mouseleave', resume);
    scroller.addEventListener('focusin', pause);
    scroller.addEventListener('focusout', resume);
    window.setInterval(() => {
      if (paused || scroller.hidden || scroller.scrollHeight <= scroller.clientHeight + 1) return;
      if (dwell > 0) {
        dwell -= 1;
        if (dwell === 0 && scroller.scrollTop > 0) scroller.scrollTop = 0;
        return;
      }
      scroller.scrollTop += 1;
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) dwell = 50;
    }, 60);
  }

  // --- the page ------------------------------------------------------------------------------------

  function drawCards(data) {
    const s = data.summary;
    $('kpi-tasks').textContent = s.tasks;
    $('kpi-red').textContent = s.red;
    $('kpi-overdue').textContent = s.overdue;
    $('kpi-closed').textContent = s.closed;
    $('kpi-rate').textContent = s.tasks ? '完成率 ' + Math.round((s.closed * 100) / s.tasks) + '%' : '';
    const reports = s.reportsOnTime + s.reportsLate;
    $('kpi-reports').textContent = reports ? '按时率 ' + Math.round((s.reportsOnTime * 100) / reports) + '%' : '暂无报送';
    $('kpi-reports-late').textContent = reports ? '按时 ' + s.reportsOnTime + ' 份，迟报 ' + s.reportsLate + ' 份' : '';
    $('kpi-notices').textContent = s.notices;
    $('card-tasks').href = ledgerUrl({});
    $('card-red').href = ledgerUrl({ light: 'RED' });
    $('card-overdue').href = ledgerUrl({ overdue: 'true' });
    $('card-closed').href = ledgerUrl({ stage: 'CLOSED' });
  }

  function drawYears(data) {
    const select = $('year');
    select.replaceChildren();
    data.years.forEach((y) => {
      const option = document.createElement('option');
      option.value = String(y);
      option.textContent = y + '年';
      select.appendChild(option);
    });
    select.value = String(data.year);
  }

  function draw(data) {
    year = data.year;
    document.title = '督查督办驾驶舱（' + data.year + '年）— 改革任务督办平台';
    $('scope').textContent = data.everyTask ? data.year + '年度全部改革任务推进情况。'
      : data.year + '年度本人及所在单位参与的改革任务推进情况。';
    $('as-of').textContent = '数据截至 ' + data.today;
    drawYears(data);
    drawCards(data);
    $('dashboard').hidden = false;
    $('loading').hidden = true;
    // drawn once the grid is laid out, so each chart takes its panel's width
    drawLights(data.lights);
    drawStages(data.stages);
    drawCategories(data.categories);
    drawOverdue(data.overdueByUnit);
    drawNotices(data.notices);
    drawReports(data.quarters, data.reports);
    drawRedList(data.redThisWeek, data.weekStart, data.today);
  }

  /** Loads and draws the year's figures; keepMessage: leave the message shown (a year refused before). */
  async function load(requestedYear, keepMessage) {
    const result = await request('/api/dashboard' + (requestedYear ? '?year=' + encodeURIComponent(requestedYear) : ''));
    if (result.status === 0) throw new Error(OFFLINE);
    if (result.status === 401) return showLogin();
    if (!result.ok) {
      const d = result.data || {};
      const error = new Error(d.detail || d.message || ('加载失败（HTTP ' + result.status + '），请稍后重试。'));
      error.status = result.status;
      throw error;
    }
    if (!keepMessage) show('message', '');
    draw(result.data);
  }

  async function start() {
    if (!window.echarts) throw new Error('图表组件加载失败，请刷新本页。');
    const user = await checkLogin();
    if (!user) return showLogin();
    const requested = new URLSearchParams(window.location.search).get('year');
    try {
      await load(requested);
    } catch (e) {
      if (e.status !== 400 || !requested) throw e;
      // a year the server refuses (?year=abc): say so, and show this year's figures
      show('message', e.message + '已显示本年度数据。');
      window.history.replaceState(null, '', window.location.pathname);
      await load(null, true);
    }
    $('year').addEventListener('change', () => {
      const chosen = $('year').value;
      window.history.replaceState(null, '', '?year=' + encodeURIComponent(chosen));
      load(chosen).catch((e) => showError(e.message));
    });
    window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
    autoScroll();
  }

  start().catch((e) => showError(e.message));
})();
