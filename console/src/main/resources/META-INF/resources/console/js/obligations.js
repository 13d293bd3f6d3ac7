// Obligations: everything overdue and the next 90 days, by alliance or by owner; an open occurrence can be marked
// fulfilled (with evidence), waived or in dispute (with a reason). The API says 403 where the role does not allow it.
import { api, query } from './api.js';
import { $, announce, badge, day, empty, errorBox, h, label, replace } from './dom.js';
import { field, showErrors } from './forms.js';
import { startShell } from './shell.js';

const OPEN = ['OPEN', 'DUE_SOON', 'OVERDUE', 'IN_DISPUTE'];
let obligations = [];
let groupBy = 'allianceId';

startShell('obligations.html');
replace($('#filters'), h('fieldset', {}, h('legend', {}, 'Group by'),
  [['allianceId', 'Alliance'], ['ownerId', 'Owner']].map(([value, text]) => h('span', { class: 'check' },
    h('input', { type: 'radio', name: 'group', id: `group-${value}`, value, checked: value === groupBy,
      onchange: () => { groupBy = value; render(); } }),
    h('label', { for: `group-${value}` }, text)))));
load();

async function load() {
  const horizon = new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10);
  try {
    const [soon, overdue] = await Promise.all([
      api(`/api/v1/obligations${query({ dueBefore: horizon, size: 200 })}`),
      api(`/api/v1/obligations${query({ status: 'OVERDUE', size: 200 })}`)]);
    const byId = new Map();
    for (const o of [...overdue.items, ...soon.items]) if (OPEN.includes(o.status)) byId.set(o.id, o);
    obligations = [...byId.values()].sort((a, b) => String(a.nextDueDate).localeCompare(String(b.nextDueDate)));
    render();
  } catch (error) {
    replace($('#obligations'), errorBox(error));
  }
}

function render() {
  if (!obligations.length) { replace($('#obligations'), empty('Nothing overdue and nothing due in the next 90 days.')); return; }
  const groups = new Map();
  for (const o of obligations) {
    const key = (groupBy === 'ownerId' && o.ownerVacated) ? 'no owner (vacated)' : o[groupBy] || 'none';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(o);
  }
  replace($('#obligations'), [...groups.entries()].map(([key, list], i) => h('section', { class: 'panel', 'aria-labelledby': `group-${i}` },
    h('h2', { id: `group-${i}` }, groupBy === 'allianceId' ? h('a', { href: `alliance.html?id=${encodeURIComponent(key)}` }, `Alliance ${key}`) : `Owner ${key}`),
    h('ul', { class: 'cards' }, list.map(item)))));
}

function item(o) {
  const occurrence = o.occurrences.find((oc) => OPEN.includes(oc.status));
  const panel = h('div', { class: 'action-form' });
  const open = (verb, fieldName, text) => h('button', { type: 'button', 'aria-expanded': 'false',
    onclick: (e) => toggle(e.target, panel, () => form(o, occurrence, verb, fieldName, text)) }, `${label(verb === 'fulfil' ? 'fulfilled' : verb === 'waive' ? 'waived' : 'in_dispute')}…`);
  return h('li', { class: 'card', dataset: { obligationId: o.id } },
    h('h3', { class: 'card-title' }, o.title),
    h('p', { class: 'meta' }, o.status === 'OVERDUE' ? badge('critical', 'Overdue') : badge('medium', label(o.status)),
      ' due ', h('time', { datetime: o.nextDueDate }, day(o.nextDueDate)), ` · ${label(o.category)} · ${label(o.type)} · ${label(o.direction)}`,
      o.amount ? ` · ${o.amount} ${o.currency || ''}` : '', ' · owner ', o.ownerVacated ? badge('high', 'vacant') : o.ownerId,
      o.clauseRef ? ` · clause ${o.clauseRef}` : ''),
    occurrence ? h('div', { class: 'row' }, open('fulfil', 'evidence', 'Evidence (what shows it was done)'),
      open('waive', 'reason', 'Why it is waived'), open('dispute', 'reason', 'What is in dispute')) : null,
    panel);
}

function toggle(button, panel, build) {
  const opening = button.getAttribute('aria-expanded') !== 'true';
  for (const b of button.parentElement.querySelectorAll('[aria-expanded]')) b.setAttribute('aria-expanded', 'false');
  replace(panel);
  if (opening) {
    button.setAttribute('aria-expanded', 'true');
    const f = build();
    panel.append(f);
    f.querySelector('textarea').focus();
  }
}

function form(o, occurrence, verb, fieldName, text) {
  const f = h('form', { class: 'inline', novalidate: true },
    field(fieldName, text, h('textarea', { rows: 2 })),
    h('button', { type: 'submit' }, verb === 'fulfil' ? 'Mark fulfilled' : verb === 'waive' ? 'Waive' : 'Mark in dispute'));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api(`/api/v1/obligations/${encodeURIComponent(o.id)}/occurrences/${encodeURIComponent(occurrence.id)}/${verb}`,
        { method: 'POST', body: { [fieldName]: f.elements[fieldName].value } });
      announce(`${o.title}: ${verb === 'fulfil' ? 'fulfilled' : verb === 'waive' ? 'waived' : 'in dispute'}`);
      await load();
    } catch (error) {
      showErrors(f, error.status === 403 ? Object.assign(error, { message: 'Your role does not allow this on this obligation.' }) : error);
    }
  });
  return f;
}
