// What a task form's field shows when 完成 or 保存 is pressed is what Tasklist submits or saves.
//
// form-js (Camunda Forms) takes typed text into its state only 300 ms after the last keystroke, or when the
// field loses focus. Tasklist submits the form-js state: text typed just before 完成 was lost when the click
// did not take the focus away first (a script's or an assistive tool's click, a button pressed while the
// window had no focus), and 保存 stayed disabled for those 300 ms, so a quick click did nothing. Loaded through
// config.js customScripts, this module
// 1. turns form-js's debounce off for every task form (form-js reads config.debounce when it renders a field):
//    each keystroke goes into the form state at once, as does Tasklist's 保存 button state;
// 2. and, in the capture phase of a click or a pointer/keyboard activation of 完成/保存 (before Tasklist's own
//    handler), writes any text field whose DOM value differs from the form state into the state. Should the
//    state still differ (form-js refused the update), the click is held and let through once, 350 ms later,
//    when form-js's own update has landed. A click is never repeated: no double submission.
import { available, onImport, forms, editableFields, fieldElement } from './form-js-hook.js';

const TEXT_TYPES = new Set(['textfield', 'textarea']);
const HOLD_MS = 350;

onImport((form) => {
  const config = form.get('config');
  if (config) {
    config.debounce = false;
  }
});

function stateValue(form, key) {
  const data = form._getState().data || {};
  const value = data[key];
  return value === null || value === undefined ? '' : String(value);
}

/** Text fields whose DOM value form-js has not taken yet: [{form, field, instance, element}]. */
function pending() {
  const found = [];
  forms().forEach((form) => {
    editableFields(form).forEach(({ key, field, instance }) => {
      if (!TEXT_TYPES.has(field.type)) {
        return;
      }
      const element = fieldElement(form, field);
      if (element && element.value !== stateValue(form, key)) {
        found.push({ form, key, field, instance, element });
      }
    });
  });
  return found;
}

/** Writes what the fields show into the form state; true when nothing differs any more. */
export function flush() {
  pending().forEach(({ form, field, instance, element }) => {
    try {
      form._update({ field, fieldInstance: instance, value: element.value });
    } catch (e) {
      console.error('reform: could not flush a form field', e);
    }
  });
  return pending().length === 0;
}

function formButton(target) {
  const button = target && target.closest && target.closest('.form-actions button');
  return button && button.closest('[cam-tasklist-form]') ? button : null;
}

const held = new WeakSet();

function onActivation(event) {
  const button = formButton(event.target);
  if (!button) {
    return;
  }
  const settled = flush();
  if (event.type !== 'click' || settled || held.has(button)) {
    return;
  }
  // form-js did not take the text: hold this click, and let it through once the field's update has landed
  event.preventDefault();
  event.stopImmediatePropagation();
  held.add(button);
  setTimeout(() => {
    flush();
    button.click();
    held.delete(button);
  }, HOLD_MS);
}

if (available) {
  ['pointerdown', 'mousedown', 'keydown', 'click'].forEach((type) => {
    document.addEventListener(type, onActivation, true);
  });
}

export default {};
