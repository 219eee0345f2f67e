// Half-filled task forms survive: going to another task or tab, a refused submission, a reload, a session
// that expired. Loaded through config.js customScripts.
//
// Autosave: on every change of a task's Camunda Form, the values of the fields the user can edit are written
// to localStorage under reform-draft:v1:<user>:<task id> (per user: a shared browser shows nobody another
// person's draft), with, per field, the server value the editing started from ("base").
//
// Restore, when the same task's form opens again, field by field (only fields the user can edit):
// - the draft equals the server value: nothing to do;
// - the server value is still the one the draft started from: the draft is shown (the user's newer text);
// - the server value changed since (someone stored a newer value): the server value is shown, never silently
//   overwritten, and a notice names the field and offers 「改用我的草稿」 with the draft's text in sight.
// A notice above the form says a draft was restored and when it was saved.
//
// Tasklist's own 保存 (save) button stores the form under camunda-form:<task id> (for every user of the
// browser) and, when the form opens again, lays that over all server values unconditionally. Here 保存 saves
// the draft above instead (the button still turns grey, a status line says when it was saved), and a
// camunda-form:<task id> entry left by an older page is taken over as a draft whose base is an empty field,
// then removed. Tasklist removes camunda-form:<task id> once a completion succeeded: the task's drafts go with
// it. Drafts older than 90 days are dropped.
import { available, onImport, taskIdOf } from './form-js-hook.js';

const PREFIX = 'reform-draft:v1:';
const TASKLIST_PREFIX = 'camunda-form:';
const MAX_AGE_MS = 90 * 24 * 3600 * 1000;
const EDITABLE_TYPES = new Set(['textfield', 'textarea', 'number', 'select', 'radio', 'checkbox', 'checklist',
  'taglist', 'datetime']);

const storage = window.localStorage;
const originalSetItem = Storage.prototype.setItem;
const originalRemoveItem = Storage.prototype.removeItem;

/** The open forms' sessions by task id: {form, taskId, userId, base, labels, save()}. */
const sessions = new Map();

// --- storage -----------------------------------------------------------------------------------

function draftKey(userId, taskId) {
  return PREFIX + encodeURIComponent(userId) + ':' + taskId;
}

function readJson(key) {
  try {
    const text = storage.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch (e) {
    return null;
  }
}

function write(key, value) {
  try {
    originalSetItem.call(storage, key, JSON.stringify(value));
    return true;
  } catch (e) {
    console.error('reform: draft not saved', e); // quota: the form itself is not affected
    return false;
  }
}

function remove(key) {
  originalRemoveItem.call(storage, key);
}

function dropDraftsOfTask(taskId) {
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i);
    if (key && key.startsWith(PREFIX) && key.endsWith(':' + taskId)) {
      remove(key);
    }
  }
}

function dropOldDrafts() {
  const now = Date.now();
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i);
    if (key && key.startsWith(PREFIX)) {
      const draft = readJson(key);
      if (!draft || !draft.savedAt || now - Date.parse(draft.savedAt) > MAX_AGE_MS) {
        remove(key);
      }
    }
  }
}

// --- the server ---------------------------------------------------------------------------------

function appRoot() {
  const base = document.querySelector('base[app-root]');
  return base ? base.getAttribute('app-root') : '/camunda';
}

function engineName() {
  const match = /\/app\/tasklist\/([^/]+)\//.exec(window.location.pathname);
  return match ? match[1] : 'default';
}

async function getJson(path) {
  const response = await fetch(appRoot() + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(path + ': ' + response.status);
  }
  return response.json();
}

async function currentUser() {
  return (await getJson('/api/admin/auth/user/' + encodeURIComponent(engineName()))).userId;
}

/** The task's variables as the server has them (Tasklist's initial data also holds its own saved form). */
async function serverValues(taskId) {
  const variables = await getJson('/api/engine/engine/' + encodeURIComponent(engineName()) + '/task/'
    + encodeURIComponent(taskId) + '/form-variables?deserializeValues=false');
  const values = {};
  Object.keys(variables).forEach((name) => {
    values[name] = variables[name].value;
  });
  return values;
}

// --- values -------------------------------------------------------------------------------------

function normal(value) {
  return value === undefined || value === '' ? null : value;
}

function same(a, b) {
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

/** The keyed fields of a schema the user can edit: key → label. */
function editableKeys(schema) {
  const keys = new Map();
  (function walk(components) {
    (components || []).forEach((component) => {
      if (component.key && EDITABLE_TYPES.has(component.type) && component.readonly !== true
        && typeof component.readonly !== 'string' && component.disabled !== true && !component.key.includes('.')) {
        keys.set(component.key, component.label || component.key);
      }
      walk(component.components);
    });
  })(schema.components);
  return keys;
}

function chinaTime(iso) {
  const date = new Date(iso);
  return isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat('zh-CN', {
    month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false
  }).format(date);
}

// --- the page -----------------------------------------------------------------------------------

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function formRoot(form) {
  return form._container.closest('[cam-tasklist-form]');
}

function showStatus(session, text) {
  const root = formRoot(session.form);
  const actions = root && root.querySelector('.form-actions');
  if (!actions) return;
  let status = actions.querySelector('.reform-draft-status');
  if (!status) {
    status = element('span', 'reform-draft-status');
    status.setAttribute('role', 'status');
    actions.insertBefore(status, actions.firstChild);
  }
  status.textContent = text;
}

function showNotice(session, draft, restored, conflicts) {
  const form = session.form;
  const old = form._container.parentElement.querySelector('.reform-draft-notice');
  if (old) old.remove();
  if (!restored.length && !conflicts.length) return;
  const notice = element('div', 'reform-draft-notice alert alert-info');
  notice.setAttribute('role', 'status');
  const when = chinaTime(draft.savedAt);
  if (restored.length) {
    notice.appendChild(element('p', 'restored', '已恢复您尚未提交的填写内容（' + restored.map((k) => '“' + session.labels.get(k) + '”').join('、')
      + '，本浏览器自动保存于' + when + '）。提交前请核对。'));
  }
  if (conflicts.length) {
    notice.classList.replace('alert-info', 'alert-warning');
    notice.appendChild(element('p', 'conflicts', '以下栏目在服务器上已有更新的内容，表单显示的是服务器内容，您在本浏览器中的草稿（保存于'
      + when + '）没有覆盖它：' + conflicts.map((c) => '“' + session.labels.get(c.key) + '”').join('、') + '。'));
    const list = element('dl', 'drafts');
    conflicts.forEach((c) => {
      list.appendChild(element('dt', null, session.labels.get(c.key) + '（草稿）'));
      list.appendChild(element('dd', null, typeof c.value === 'string' ? c.value : JSON.stringify(c.value)));
    });
    notice.appendChild(list);
    const use = element('button', 'btn btn-default btn-sm use-draft', '改用我的草稿');
    use.type = 'button';
    use.addEventListener('click', () => {
      applyValues(form, conflicts);
      notice.remove();
    });
    notice.appendChild(use);
  }
  form._container.parentElement.insertBefore(notice, form._container);
}

function applyValues(form, entries) {
  const registry = form.get('formFieldRegistry');
  const instances = form.get('formFieldInstanceRegistry').getAllKeyed();
  entries.forEach(({ key, value }) => {
    const instance = instances.find((i) => i.valuePath.join('.') === key);
    if (instance) {
      form._update({ field: registry.get(instance.id), fieldInstance: instance, value });
    }
  });
}

// --- autosave -----------------------------------------------------------------------------------

function saveDraft(session) {
  const data = session.form._getState().data || {};
  const fields = {};
  let changed = false;
  session.labels.forEach((label, key) => {
    fields[key] = { value: normal(data[key]), base: normal(session.base[key]) };
    changed = changed || !same(data[key], session.base[key]);
  });
  const key = draftKey(session.userId, session.taskId);
  if (!changed) {
    remove(key); // back to what the server has: nothing to keep
    return null;
  }
  const draft = { v: 1, taskId: session.taskId, userId: session.userId, savedAt: new Date().toISOString(), fields };
  return write(key, draft) ? draft : null;
}

function autosave(session) {
  const draft = saveDraft(session);
  if (draft) {
    showStatus(session, '已自动保存草稿（' + chinaTime(draft.savedAt) + '，仅保存在本浏览器）');
  }
}

onImport(async (form, schema, data) => {
  const taskId = taskIdOf(form);
  if (!taskId) return null;
  const labels = editableKeys(schema);
  if (!labels.size) return null;
  const userId = await currentUser();
  let server;
  try {
    server = await serverValues(taskId);
  } catch (e) {
    server = data; // as Tasklist got them
  }
  const merged = Object.assign({}, data);
  labels.forEach((label, key) => {
    merged[key] = server[key]; // undo Tasklist's own saved form, applied below by the same rule as drafts
  });

  const draft = readJson(draftKey(userId, taskId)) || { savedAt: null, fields: {} };
  const legacy = readJson(TASKLIST_PREFIX + taskId);
  if (legacy) {
    labels.forEach((label, key) => {
      if (!(key in draft.fields) && key in legacy) {
        draft.fields[key] = { value: legacy[key], base: null };
        draft.savedAt = draft.savedAt || new Date().toISOString();
      }
    });
    remove(TASKLIST_PREFIX + taskId);
  }

  const restored = [];
  const conflicts = [];
  labels.forEach((label, key) => {
    const entry = draft.fields[key];
    if (!entry || same(entry.value, server[key])) return;
    if (same(server[key], entry.base)) {
      merged[key] = entry.value;
      restored.push(key);
    } else {
      conflicts.push({ key, value: entry.value });
    }
  });

  const session = { form, taskId, userId, labels, base: server };
  return {
    data: merged,
    afterImport() {
      sessions.set(taskId, session);
      showNotice(session, draft, restored, conflicts);
      if (restored.length) {
        saveDraft(session); // the draft now says what is shown (the bases are the current server values)
        showStatus(session, '已恢复草稿（' + chinaTime(draft.savedAt) + '保存）');
      }
      form.on('changed', () => {
        if (form._reformImported) autosave(session);
      });
      // what a field shows, even before form-js took it (the flush module turns its delay off)
      form._container.addEventListener('input', () => setTimeout(() => autosave(session), 0));
    }
  };
});

// Tasklist's 保存 and its save when the session expires: the draft instead of camunda-form:<task id>.
Storage.prototype.setItem = function (key, value) {
  if (this === storage && typeof key === 'string' && key.startsWith(TASKLIST_PREFIX)) {
    const session = sessions.get(key.substring(TASKLIST_PREFIX.length));
    if (session && session.form._container.isConnected) {
      const draft = saveDraft(session);
      showStatus(session, draft ? '草稿已保存（' + chinaTime(draft.savedAt) + '，仅保存在本浏览器，提交前不会送出）'
        : '没有需要保存的修改');
      return undefined;
    }
  }
  return originalSetItem.call(this, key, value);
};

// Tasklist removes camunda-form:<task id> once the task was completed: its drafts are done with.
Storage.prototype.removeItem = function (key) {
  if (this === storage && typeof key === 'string' && key.startsWith(TASKLIST_PREFIX)) {
    const taskId = key.substring(TASKLIST_PREFIX.length);
    dropDraftsOfTask(taskId);
    sessions.delete(taskId);
  }
  return originalRemoveItem.call(this, key);
};

if (available) {
  dropOldDrafts();
}

export default {};
