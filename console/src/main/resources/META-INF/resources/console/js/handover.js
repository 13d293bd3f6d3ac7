// Handover of a person who leaves or moves: their alliance roles and governance seats, the obligations they own,
// their open actions, each with a way to reassign it. Only what the API offers: a role through PUT .../roles/{role}
// (portfolio editors), an obligation's owner through PUT .../owner, an action through POST .../assign. Governance
// seats have no single-seat endpoint: they are changed on the alliance's governance body.
import { api, query } from './api.js';
import { $, announce, day, empty, errorBox, h, label, param, replace, table } from './dom.js';
import { field, showErrors } from './forms.js';
import { startShell } from './shell.js';

startShell('handover.html');
const whoForm = $('#who-form');
replace(whoForm, field('personId', 'Person who leaves or moves (person id)', h('input', { type: 'text', value: param('person') || '', autocomplete: 'off' })),
  h('button', { type: 'submit' }, 'Show their handover'));
whoForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const person = whoForm.elements.personId.value.trim();
  if (!person) { showErrors(whoForm, { fieldErrors: [{ field: 'personId', message: 'Name a person.' }] }); return; }
  history.replaceState(null, '', `?person=${encodeURIComponent(person)}`);
  load(person);
});
if (param('person')) load(param('person'));

async function load(person) {
  const root = $('#handover');
  const [seats, obligations, actions] = await Promise.allSettled([
    api(`/api/v1/portfolio/people/${encodeURIComponent(person)}/seats`),
    api(`/api/v1/obligations${query({ ownerId: person, size: 200 })}`),
    api(`/api/v1/actions${query({ assigneeId: person, size: 200 })}`)]);
  replace(root,
    section('seats', `Alliances and seats of ${person}`, seats, (list) => list.length ? table('Roles and governance seats', ['Alliance', 'Seat', 'Hand over to'],
      list.map((s) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `alliance.html?id=${encodeURIComponent(s.allianceId)}` }, s.allianceName)),
        h('td', {}, label(s.role.replace('GOVERNANCE:', 'governance seat ')).replace('Governance seat ', 'Governance seat: ')),
        h('td', {}, s.role.startsWith('GOVERNANCE:') ? 'Change the body\'s members on the alliance' :
          reassign(`seat-${s.allianceId}-${s.role}`, (to) => api(`/api/v1/alliances/${encodeURIComponent(s.allianceId)}/roles/${s.role}`,
            { method: 'PUT', body: { personId: to } })))))) : empty('No roles or seats.')),
    section('owned', 'Obligations they own', obligations, (page) => page.items.length ? table(`Obligations (${page.total})`, ['Obligation', 'Status', 'Next due', 'Hand over to'],
      page.items.map((o) => h('tr', {}, h('th', { scope: 'row' }, o.title), h('td', {}, label(o.status)), h('td', {}, day(o.nextDueDate)),
        h('td', {}, reassign(`obligation-${o.id}`, (to) => api(`/api/v1/obligations/${encodeURIComponent(o.id)}/owner`,
          { method: 'PUT', body: { personId: to } })))))) : empty('No obligations.')),
    section('actions', 'Their open actions', actions, (page) => page.items.length ? table(`Open actions (${page.total})`, ['Action', 'Alliance', 'Due', 'Hand over to'],
      page.items.map((a) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `change.html?trigger=${encodeURIComponent(a.triggerEventId)}` }, a.title)),
        h('td', {}, a.allianceName), h('td', {}, day(a.dueDate)),
        h('td', {}, reassign(`action-${a.actionId}`, (to) => api(`/api/v1/impacts/${encodeURIComponent(a.impactId)}/actions/${encodeURIComponent(a.actionId)}/assign`,
          { method: 'POST', body: { personId: to } })))))) : empty('No open actions.')));
}

function section(key, title, result, render) {
  return h('section', { id: key, class: 'panel', 'aria-labelledby': `${key}-title` }, h('h2', { id: `${key}-title` }, title),
    result.status === 'fulfilled' ? render(result.value) : errorBox(result.reason));
}

/** A one-field form: the new person's id; the API's field error (personId) appears next to it. */
function reassign(key, call) {
  const form = h('form', { class: 'inline compact', novalidate: true, dataset: { handover: key } },
    field('personId', 'New person id', h('input', { type: 'text', autocomplete: 'off' })),
    h('button', { type: 'submit' }, 'Hand over'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await call(form.elements.personId.value.trim());
      replace(form, h('p', { role: 'status' }, `Handed over to ${form.elements.personId.value.trim()}.`));
      announce('Handed over.');
    } catch (error) {
      showErrors(form, error.status === 403 ? Object.assign(error, { message: 'Your role does not allow this handover.' }) : error);
    }
  });
  return form;
}
