// Small DOM helpers: elements built with textContent only (no innerHTML, so API text can never inject markup).

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function when(instant) {
  return instant ? dateTime.format(new Date(instant)) : '';
}

export function day(isoDate) {
  return isoDate ? dateOnly.format(new Date(`${isoDate}T00:00:00Z`)) : '';
}

/** "ALLIANCE_MANAGER_VACANT" -> "Alliance manager vacant". */
export function label(code) {
  if (!code) return '';
  const s = String(code).replaceAll('_', ' ').replaceAll('.', ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function badge(kind, text) {
  return h('span', { class: `badge badge-${String(kind).toLowerCase()}` }, text);
}

/** Says something to screen readers (and shows it in the page's status line). */
export function announce(message) {
  const status = document.getElementById('status');
  if (status) status.textContent = message;
}

export function table(caption, headers, rows) {
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows));
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, `Could not load: ${error.message}`);
}
