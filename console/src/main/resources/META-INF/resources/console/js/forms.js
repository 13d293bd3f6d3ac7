// Forms: problem+json field errors (errors[].field) shown next to their field, linked with aria-describedby.
import { h } from './dom.js';

/** Each field lives in an element with data-field="<API field name>", holding its input and an error slot. */
export function field(name, labelText, input, hint) {
  const id = input.id || `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-${Math.random().toString(36).slice(2, 7)}`;
  input.id = id;
  if (!input.name) input.name = name;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const children = [h('label', { for: id }, labelText), input];
  if (hint) {
    const hintEl = h('p', { class: 'hint', id: `${id}-hint` }, hint);
    input.setAttribute('aria-describedby', hintEl.id);
    children.push(hintEl);
  }
  children.push(error);
  return h('div', { class: 'field', dataset: { field: name } }, children);
}

export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) {
    el.hidden = true;
    el.textContent = '';
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const summary = form.querySelector('.form-error');
  if (summary) summary.remove();
}

/** Puts each error next to its field; an error naming no field of this form goes to the form's summary. Focuses the first. */
export function showErrors(form, error) {
  clearErrors(form);
  const errors = error.fieldErrors && error.fieldErrors.length ? error.fieldErrors : [{ field: null, message: error.message }];
  let first = null;
  const unplaced = [];
  for (const { field: name, message } of errors) {
    const container = name && (form.querySelector(`[data-field="${CSS.escape(name)}"]`)
      || form.querySelector(`[data-field="${CSS.escape(name.split('.')[0])}"]`));
    if (!container) { unplaced.push(message); continue; }
    const slot = container.querySelector('.field-error');
    const input = container.querySelector('input, select, textarea');
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    slot.hidden = false;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const described = new Set((input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
      described.add(slot.id);
      input.setAttribute('aria-describedby', [...described].join(' '));
      first = first || input;
    }
  }
  if (unplaced.length) {
    form.prepend(h('p', { class: 'form-error error', role: 'alert' }, unplaced.join(' ')));
  }
  if (first) first.focus();
}
