// Access to the form-js viewer (Camunda Forms) that Tasklist 7.24 renders task forms with. Tasklist keeps
// its form-js instance in a closure; the class comes from the webapps' shared webpack bundle (lib/deps.js),
// which registers its chunks on self.webpackChunkcamunda_bpm_webapp. Pushing a chunk of our own there hands
// us webpack's require, and with it the Form class, whose importSchema this module wraps: every form Tasklist
// opens goes through the hooks registered here before it renders.
// Imported by form-submit-flush.js and form-drafts.js (not listed in config.js: one module instance).

/** webpack module id of @bpmn-io/form-js in Camunda 7.24's lib/deps.js; searched for if it moved. */
const FORM_JS_MODULE = 57661;

const importHooks = [];
const liveForms = new Set();

function findFormClass() {
  const chunks = (self.webpackChunkcamunda_bpm_webapp = self.webpackChunkcamunda_bpm_webapp || []);
  let require = null;
  chunks.push([[`reform-form-js-hook-${Date.now()}`], {}, (webpackRequire) => { require = webpackRequire; }]);
  if (!require) {
    return null;
  }
  const candidates = [FORM_JS_MODULE];
  if (require.m) {
    // another webapp build: the module exporting form-js's FormPlayground and Form
    Object.keys(require.m).forEach((id) => {
      if (String(id) !== String(FORM_JS_MODULE) && String(require.m[id]).includes('"FormPlayground"')) {
        candidates.push(id);
      }
    });
  }
  for (const id of candidates) {
    try {
      if (require.m && !require.m[id]) {
        continue;
      }
      const Form = require(id).Form;
      if (Form && Form.prototype && Form.prototype.importSchema && Form.prototype._getSubmitData) {
        return Form;
      }
    } catch (e) {
      // not this one
    }
  }
  return null;
}

const Form = findFormClass();

if (Form) {
  const importSchema = Form.prototype.importSchema;
  Form.prototype.importSchema = async function (schema, data) {
    let initial = data || {};
    liveForms.add(this);
    this.on('form.destroy', () => liveForms.delete(this));
    const after = [];
    for (const hook of importHooks) {
      try {
        const result = await hook(this, schema, initial);
        if (result && result.data) {
          initial = result.data;
        }
        if (result && typeof result.afterImport === 'function') {
          after.push(result.afterImport);
        }
      } catch (e) {
        console.error('reform form-js hook failed', e); // the form opens as Tasklist would open it
      }
    }
    const imported = await importSchema.call(this, schema, initial);
    this._reformImported = true;
    after.forEach((callback) => {
      try {
        callback();
      } catch (e) {
        console.error('reform form-js hook failed', e);
      }
    });
    return imported;
  };
} else {
  console.warn('改革任务督办平台: form-js not found; task forms are neither flushed before submission nor autosaved');
}

/** Whether the form-js viewer could be reached. */
export const available = !!Form;

/**
 * Registers {@code hook(form, schema, data)}, called (and awaited) before each form is imported; it may answer
 * {data} to import other initial data, and {afterImport} to run once the form is imported.
 */
export function onImport(hook) {
  importHooks.push(hook);
}

/** The form-js forms currently attached to the page. */
export function forms() {
  liveForms.forEach((form) => {
    if (form._container && !form._container.isConnected && form._reformImported) {
      liveForms.delete(form); // Tasklist drops a task's form without destroying it
    }
  });
  return Array.from(liveForms).filter((form) => form._container && form._container.isConnected);
}

/** Field types whose value the user edits, and which are stored as typed. */
const EDITABLE_TYPES = new Set(['textfield', 'textarea', 'number', 'select', 'radio', 'checkbox', 'checklist',
  'taglist', 'datetime']);

/**
 * The keyed fields of a form the user can change: {key, field, instance}. Read-only, disabled and hidden-by-
 * expression fields are left out (a read-only expression counts as read-only).
 */
export function editableFields(form) {
  const registry = form.get('formFieldRegistry');
  return form.get('formFieldInstanceRegistry').getAllKeyed().map((instance) => {
    const field = registry.get(instance.id);
    return { key: instance.valuePath.join('.'), field, instance };
  }).filter(({ field, instance }) => field && EDITABLE_TYPES.has(field.type) && !field.disabled
    && !field.readonly && instance.valuePath.length === 1);
}

/** The DOM element of a field of a form (form-js names it fjs-form-<formId>-<fieldId>). */
export function fieldElement(form, field) {
  return document.getElementById(`fjs-form-${form._id}-${field.id}`);
}

/**
 * The Tasklist task id a form belongs to: the params of Tasklist's form directive around it, else the task
 * shown in the page address.
 */
export function taskIdOf(form) {
  try {
    const angular = window.angular;
    const container = form && form._container;
    if (angular && container) {
      const controller = angular.element(container.parentElement || container).controller('camTasklistForm');
      if (controller && controller.getParams) {
        return controller.getParams().taskId || null; // a start form has none
      }
    }
  } catch (e) {
    // the page address below
  }
  const hash = window.location.hash || '';
  const query = hash.indexOf('?');
  return query < 0 ? null : new URLSearchParams(hash.slice(query + 1)).get('task');
}
