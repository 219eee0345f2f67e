// Date fields of the platform's pages in Chinese conventions, whatever the browser's and the system's locale.
//
// A native <input type=date> shows the browser's UI locale, not the page's: Chromium on a Linux desktop with an
// English system shows mm/dd/yyyy and English months even to a Chinese user, and its picker starts weeks on
// Sunday (China's locale data too); typing 2026-12-20 into mm/dd/yyyy fills the wrong parts. So a date field
// here is a text field that takes 2026-12-20, 2026/12/20, 2026.12.20 and 2026年12月20日 (full-width digits too),
// shows what it understood (2026年12月20日 星期日) or says in Chinese why it cannot, stores yyyy-MM-dd in the
// field once understood, and opens a month picker with weeks from Monday (一 … 日).
// Usage: <input data-date-input ...> (attached on load) or ReformDateInput.attach(input); the field's min and max
// (yyyy-MM-dd) bound the picker. Used by /ledger/extensions.html and /office/calendar.html.
(function () {
  'use strict';

  const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
  const MONDAY_FIRST = ['一', '二', '三', '四', '五', '六', '日'];
  const PATTERNS = [
    /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/,
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/
  ];

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function iso(y, m, d) {
    return y + '-' + pad(m) + '-' + pad(d);
  }

  function daysIn(y, m) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }

  /** Full-width digits and separators (２０２６－１２－２０, ２０２６／１２／２０) as ASCII. */
  function halfWidth(text) {
    return text.replace(/[\uFF10-\uFF19\uFF0D\uFF0F\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
      .replace(/\u3000/g, ' ');
  }

  /**
   * What a typed date means: {iso: 'yyyy-MM-dd'}, {error: Chinese reason} or {empty: true}.
   */
  function parse(text) {
    const value = halfWidth(String(text || '')).trim();
    if (!value) return { empty: true };
    let match = null;
    for (const pattern of PATTERNS) {
      match = pattern.exec(value);
      if (match) break;
    }
    if (!match) {
      return { error: '无法识别日期“' + text.trim() + '”，请按 2026-12-20 或 2026年12月20日 的格式填写。' };
    }
    const y = Number(match[1]);
    const m = Number(match[2]);
    const d = Number(match[3]);
    if (y < 1900 || y > 2999) return { error: '年份“' + y + '”不正确，请填写四位年份，如 2026。' };
    if (m < 1 || m > 12) return { error: '月份“' + m + '”不正确，月份应为 1 至 12。' };
    if (d < 1 || d > daysIn(y, m)) {
      return { error: y + '年' + m + '月只有' + daysIn(y, m) + '天，没有' + d + '日。' };
    }
    return { iso: iso(y, m, d) };
  }

  /** 2026年12月20日 星期日 */
  function format(isoDate) {
    const [y, m, d] = isoDate.split('-').map(Number);
    return y + '年' + m + '月' + d + '日 星期' + WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  let openPicker = null;

  function closePicker() {
    if (openPicker) {
      openPicker.remove();
      openPicker = null;
    }
  }

  document.addEventListener('mousedown', (event) => {
    if (openPicker && !openPicker.contains(event.target) && !event.target.closest('.date-input-open')) closePicker();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closePicker();
  });

  function today() {
    // the China date, as the platform's deadlines are China dates
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  }

  function showPicker(input, anchor) {
    closePicker();
    const chosen = parse(input.value).iso;
    const start = chosen || (input.min && input.min > today() ? input.min : today());
    let [year, month] = start.split('-').map(Number);
    const picker = el('div', 'date-picker');
    picker.setAttribute('role', 'dialog');
    picker.setAttribute('aria-label', '选择日期');

    function render() {
      picker.textContent = '';
      const head = el('div', 'date-picker-head');
      const previous = el('button', 'previous', '‹');
      previous.type = 'button';
      previous.title = '上个月';
      const next = el('button', 'next', '›');
      next.type = 'button';
      next.title = '下个月';
      previous.addEventListener('click', () => { month -= 1; if (month < 1) { month = 12; year -= 1; } render(); });
      next.addEventListener('click', () => { month += 1; if (month > 12) { month = 1; year += 1; } render(); });
      head.appendChild(previous);
      head.appendChild(el('span', 'date-picker-title', year + '年' + month + '月'));
      head.appendChild(next);
      picker.appendChild(head);
      const grid = el('div', 'date-picker-grid');
      MONDAY_FIRST.forEach((w, i) => grid.appendChild(el('span', 'weekday' + (i >= 5 ? ' weekend' : ''), w)));
      const offset = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7; // Monday first
      for (let i = 0; i < offset; i++) grid.appendChild(el('span', 'blank'));
      for (let d = 1; d <= daysIn(year, month); d++) {
        const value = iso(year, month, d);
        const day = el('button', 'day', String(d));
        day.type = 'button';
        day.dataset.date = value;
        day.title = format(value);
        const weekday = (offset + d - 1) % 7;
        if (weekday >= 5) day.classList.add('weekend');
        if (value === chosen) day.classList.add('selected');
        if (value === today()) day.classList.add('today');
        day.disabled = (input.min && value < input.min) || (input.max && value > input.max) || false;
        day.addEventListener('click', () => {
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
          closePicker();
          input.focus();
        });
        grid.appendChild(day);
      }
      picker.appendChild(grid);
    }

    render();
    anchor.parentElement.appendChild(picker);
    openPicker = picker;
  }

  /** Shows what the field's text means, and stores yyyy-MM-dd in it once understood; the parse result. */
  function check(input, normalize) {
    const result = parse(input.value);
    const hint = input.reformDateHint;
    if (normalize && result.iso && input.value !== result.iso) input.value = result.iso;
    if (hint) {
      hint.textContent = result.iso ? format(result.iso) : (result.error || '');
      hint.classList.toggle('error', !!result.error);
    }
    input.classList.toggle('invalid-date', !!result.error);
    input.setAttribute('aria-invalid', result.error ? 'true' : 'false');
    return result;
  }

  function attach(input) {
    if (input.reformDateHint) return input;
    input.type = 'text';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.classList.add('date-input');
    if (!input.placeholder) input.placeholder = '如 2026-12-20';
    input.maxLength = 20;
    const wrap = el('span', 'date-input-wrap');
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    const open = el('button', 'date-input-open', '选择日期');
    open.type = 'button';
    open.title = '打开日历（每周从星期一开始）';
    open.addEventListener('click', () => (openPicker && openPicker.parentElement === wrap ? closePicker() : showPicker(input, open)));
    wrap.appendChild(open);
    const hint = el('span', 'date-input-hint');
    hint.setAttribute('aria-live', 'polite');
    wrap.appendChild(hint);
    input.reformDateHint = hint;
    input.addEventListener('input', () => check(input, false));
    input.addEventListener('change', () => check(input, true));
    input.addEventListener('blur', () => check(input, true));
    check(input, true);
    return input;
  }

  // before any page script sees a submission: what the field means, as yyyy-MM-dd
  document.addEventListener('submit', (event) => {
    event.target.querySelectorAll && event.target.querySelectorAll('input.date-input').forEach((i) => check(i, true));
  }, true);

  window.ReformDateInput = { parse, format, attach, check: (input) => check(input, true) };

  document.querySelectorAll('input[data-date-input]').forEach(attach);
})();
