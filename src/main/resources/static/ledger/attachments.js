// 附件 (attachments.html?code=…&taskId=…): the files attached to a reform task's steps, and uploads for
// the user task whose form links here (Tasklist's forms cannot upload files). Uses the Camunda webapp
// login of this browser; uploads and deletions send X-Requested-With (ReformLedger.request), which /api
// requires of them.
(function () {
  'use strict';

  const L = window.ReformLedger;
  const { $, el } = L;
  const code = L.param('code');
  const taskId = L.param('taskId');

  const state = {
    listing: null,
    /** The files chosen for upload: {file, error, status, done}; refused ones never leave the browser. */
    selection: [],
    busy: false
  };

  // back to the very task in Tasklist. Opened from the task's form (Tasklist's 附件 link keeps the opener), this
  // tab closes and the form's tab - with what was typed in it - comes to the front: no second Tasklist, no
  // second, empty copy of the form. Opened any other way, the link opens the task in Tasklist, whose form
  // brings back the draft saved in this browser.
  if (taskId) {
    $('back-to-task').href = '/camunda/app/tasklist/default/#/?task=' + encodeURIComponent(taskId);
  }

  /** The Tasklist tab this page was opened from, if it is still there and on this origin. */
  function openerTasklist() {
    try {
      const opener = window.opener;
      return opener && !opener.closed && opener.location.origin === window.location.origin
        && opener.location.pathname.startsWith('/camunda/app/tasklist/') ? opener : null;
    } catch (e) {
      return null; // another origin
    }
  }

  $('back-to-task').addEventListener('click', (event) => {
    const opener = openerTasklist();
    if (!opener) return;
    event.preventDefault();
    opener.focus();
    window.close();
    // a browser that does not let this tab close: go to the task here after all
    setTimeout(() => {
      if (!window.closed) window.location.href = $('back-to-task').href;
    }, 300);
  });

  function listingUrl() {
    return '/api/tasks/' + encodeURIComponent(code) + '/attachments'
      + (taskId ? '?taskId=' + encodeURIComponent(taskId) : '');
  }

  function megabytes(bytes) {
    const mb = bytes / (1024 * 1024);
    return (Number.isInteger(mb) ? String(mb) : mb.toFixed(1)) + ' MB';
  }

  function fileSize(bytes) {
    if (bytes < 1024) return bytes + ' 字节';
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0) + ' KB';
    return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
  }

  /** The message of a failed upload or deletion: the server's, or what its 413 without one means. */
  function failure(result) {
    if (result.status === 413 && !L.serverMessage(result)) {
      return '附件过大：单个文件不能超过' + megabytes(state.listing.maxFileSize) + '，请压缩或拆分后重新上传。';
    }
    return L.failure(result);
  }

  /** Why the server would refuse the file (same checks as TaskAttachments); null if it is acceptable. */
  function refusal(file) {
    const listing = state.listing;
    const name = file.name.replace(/\\/g, '/').split('/').pop().trim();
    if (!name) return '文件名为空，请重命名后重新选择。';
    if (name.length > 200) return '文件名过长（超过200个字符），请缩短后重新上传。';
    const dot = name.lastIndexOf('.');
    const extension = dot < 0 ? '' : name.substring(dot + 1).toLowerCase();
    if (!listing.allowedExtensions.includes(extension)) {
      return '不支持“' + name + '”的文件类型。可上传的类型：' + listing.allowedExtensions.join('、') + '。';
    }
    if (file.size > listing.maxFileSize) {
      return '附件过大：单个文件不能超过' + megabytes(listing.maxFileSize) + '，请压缩或拆分后重新上传。';
    }
    if (file.size === 0) return '文件是空的，请选择有内容的文件。';
    return null;
  }

  // --- the list ----------------------------------------------------------------------------------

  function renderList() {
    const attachments = state.listing.attachments || [];
    const tbody = $('files');
    tbody.textContent = '';
    attachments.forEach((attachment) => {
      const tr = el('tr');
      tr.dataset.id = attachment.id;
      const name = el('td', null, 'name');
      const link = el('a', attachment.name);
      link.href = '/api/attachments/' + encodeURIComponent(attachment.id) + '/content';
      link.title = '下载“' + attachment.name + '”';
      name.appendChild(link);
      tr.appendChild(name);
      tr.appendChild(el('td', attachment.stageName || '—', 'stage-name' + (attachment.stageName ? '' : ' none')));
      tr.appendChild(el('td', attachment.uploaderName || attachment.uploaderId || '—', 'uploader'));
      tr.appendChild(el('td', L.chinaDateTime(attachment.uploadedAt) || '—', 'date'));
      const actions = el('td', null, 'actions');
      if (attachment.deletable) {
        const button = el('button', '删除', 'delete danger');
        button.type = 'button';
        button.addEventListener('click', () => remove(attachment, button));
        actions.appendChild(button);
      }
      tr.appendChild(actions);
      tbody.appendChild(tr);
    });
    $('attachments-table').hidden = attachments.length === 0;
    $('empty').hidden = attachments.length > 0;
    $('count').textContent = attachments.length ? '共 ' + attachments.length + ' 个文件' : '';
  }

  function renderTarget() {
    const target = state.listing.uploadTarget;
    // once files were chosen, their statuses stay in sight even if the server no longer takes uploads
    $('upload').hidden = !canUpload() && state.selection.length === 0;
    $('upload-refused').hidden = !target || canUpload();
    $('upload-howto').hidden = !!target;
    if (canUpload()) {
      $('upload-stage').textContent = '「' + (target.stageName || '当前') + '」';
      $('allowed-types').textContent = state.listing.allowedExtensions.join('、');
      $('max-size').textContent = megabytes(state.listing.maxFileSize);
      $('file-input').accept = state.listing.allowedExtensions.map((e) => '.' + e).join(',');
    } else if (target) {
      $('upload-refused').textContent = (target.stageName ? '「' + target.stageName + '」环节：' : '')
        + (target.reason || '您不能为该待办上传附件。');
    }
    updateButton();
  }

  function render(listing) {
    state.listing = listing;
    document.title = '附件 — ' + listing.code + ' ' + listing.title;
    $('heading').textContent = '附件 — ' + listing.code + ' ' + listing.title;
    $('loading').hidden = true;
    renderTarget();
    renderList();
    $('attachments').hidden = false;
  }

  async function reload() {
    render(await L.api(listingUrl()));
  }

  function showActionMessage(text) {
    L.show('action-message', text);
  }

  async function remove(attachment, button) {
    if (!confirm('确定删除附件“' + attachment.name + '”吗？删除后不能恢复。')) return;
    button.disabled = true;
    showActionMessage('');
    const result = await L.request('DELETE', '/api/attachments/' + encodeURIComponent(attachment.id));
    if (!result.ok && result.status !== 404) {
      button.disabled = false;
      // a network failure is said as it is, a refusal after 删除失败
      showActionMessage((result.status === 0 ? '' : '删除失败：') + failure(result));
      return;
    }
    await reload().catch((error) => showActionMessage('附件列表刷新失败：' + error.message));
  }

  // --- upload ------------------------------------------------------------------------------------

  function pendingItems() {
    return state.selection.filter((item) => !item.error && !item.done);
  }

  function canUpload() {
    const target = state.listing && state.listing.uploadTarget;
    return !!(target && target.canUpload);
  }

  function updateButton() {
    $('upload-button').disabled = state.busy || !canUpload() || pendingItems().length === 0;
    $('file-input').disabled = state.busy || !canUpload();
  }

  function setStatus(item, text, kind) {
    item.status.textContent = text;
    item.status.className = 'status ' + kind;
  }

  function renderSelection() {
    const list = $('upload-files');
    list.textContent = '';
    state.selection.forEach((item) => {
      const li = el('li');
      li.dataset.name = item.file.name;
      li.appendChild(el('span', item.file.name, 'file-name'));
      li.appendChild(el('span', fileSize(item.file.size), 'file-size'));
      item.status = el('span', null, 'status');
      if (item.error) setStatus(item, '不能上传：' + item.error, 'failed');
      else setStatus(item, '待上传', 'pending');
      li.appendChild(item.status);
      list.appendChild(li);
    });
    list.hidden = state.selection.length === 0;
  }

  function choose() {
    if (state.busy) return;
    state.selection = Array.from($('file-input').files || []).map((file) => ({ file, error: refusal(file) }));
    renderSelection();
    updateButton();
  }

  async function send(file) {
    const url = '/api/tasks/' + encodeURIComponent(code) + '/attachments?taskId='
      + encodeURIComponent(state.listing.uploadTarget.taskId) + '&name=' + encodeURIComponent(file.name);
    const result = await L.request('POST', url, file, file.type || 'application/octet-stream');
    if (result.status === 0) return '无法连接服务器或上传被中断，请检查网络后重试。';
    return result.ok ? null : failure(result);
  }

  async function upload(event) {
    event.preventDefault();
    const items = pendingItems();
    if (state.busy || !canUpload() || items.length === 0) return;
    state.busy = true;
    updateButton();
    showActionMessage('');
    for (const item of items) {
      setStatus(item, '上传中…', 'uploading');
      const problem = await send(item.file);
      item.done = true; // uploaded or refused by the server: either way not sent again
      if (problem) {
        setStatus(item, '失败：' + problem, 'failed');
      } else {
        setStatus(item, '已上传', 'done');
      }
    }
    // the same selection cannot be sent again: choosing files anew starts a new selection
    $('file-input').value = '';
    state.busy = false;
    // also when the server refused: its answer may have changed (e.g. the step was submitted meanwhile)
    await reload().catch((error) => showActionMessage('附件列表刷新失败：' + error.message));
    updateButton();
  }

  $('file-input').addEventListener('change', choose);
  $('upload-form').addEventListener('submit', upload);

  // --- start -------------------------------------------------------------------------------------

  async function load() {
    await L.checkLogin();
    if (!code) {
      L.showError('未指定改革任务：请从改革任务台账或任务办理表单中的「附件」链接打开本页。');
      return;
    }
    L.linkEntry(code);
    await reload();
  }

  load().catch(L.report);
})();
