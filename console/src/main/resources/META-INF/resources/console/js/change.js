// One change (a trigger): affected alliances with findings by kind, the actions (assign, complete, dismiss),
// the progress of the whole change, and who was told on which channel.
import { api, query } from './api.js';
import { $, announce, badge, day, empty, errorBox, h, label, param, replace, table, when } from './dom.js';
import { field, showErrors } from './forms.js';
import { startShell } from './shell.js';

const trigger = param('trigger');
startShell('');
if (!trigger) {
  replace($('#impacts'), empty('No change named: open one from a notification.'));
} else {
  $('#page-title').textContent = `Change ${trigger}`;
  document.title = `Change ${trigger} · Windshift`;
  loadAll();
}

async function loadAll() {
  await Promise.all([loadImpacts(), loadProgress(), loadTold()]);
}

async function loadProgress() {
  try {
    const p = await api(`/api/v1/triggers/${encodeURIComponent(trigger)}/progress`);
    const closed = p.actions - p.open;
    replace($('#progress'),
      h('label', { for: 'progress-bar' }, `${closed} of ${p.actions} actions closed (${p.percentClosed}%)`),
      h('progress', { id: 'progress-bar', max: 100, value: p.percentClosed }, `${p.percentClosed}%`),
      h('p', {}, `${p.impacts} alliances affected`, p.overdue ? ` · ${p.overdue} overdue` : '', p.resolved ? ' · resolved' : ''));
  } catch (error) {
    replace($('#progress'), errorBox(error));
  }
}

async function loadImpacts() {
  try {
    const impacts = await api(`/api/v1/impacts${query({ triggerEventId: trigger })}`);
    replace($('#impacts'), impacts.length ? impacts.map(impactSection) : empty('This change affected none of the alliances you may see.'));
  } catch (error) {
    replace($('#impacts'), errorBox(error));
  }
}

/** Everyone told about the change that the caller may see (all for the head and admins, their alliances' recipients
 * otherwise): recipient, channel, delivery status, attempts, when. */
async function loadTold() {
  try {
    const told = await api(`/api/v1/notifications/triggers/${encodeURIComponent(trigger)}/deliveries`);
    const rows = told.deliveries.map((d) => h('tr', { dataset: { recipient: d.recipientId, channel: d.channel } },
      h('th', { scope: 'row' }, d.recipientId), h('td', {}, d.channel === 'IN_APP' ? 'In-app inbox' : label(d.channel)),
      h('td', {}, label(d.status)), h('td', {}, String(d.attempts)), h('td', {}, when(d.at))));
    replace($('#told'), table(`Who was told (${told.recipients} ${told.recipients === 1 ? 'person' : 'people'})`,
      ['Recipient', 'Channel', 'Delivery status', 'Attempts', 'When'], rows));
  } catch (error) {
    if (error.status === 404) {
      replace($('#told'), empty('Nobody you may see has been told of this change yet.'));
      return;
    }
    replace($('#told'), errorBox(error));
  }
}

function impactSection(impact) {
  const headingId = `impact-${impact.id}`;
  const byKind = new Map();
  for (const f of impact.impacts) {
    if (!byKind.has(f.kind)) byKind.set(f.kind, []);
    byKind.get(f.kind).push(f);
  }
  return h('section', { class: 'panel impact', 'aria-labelledby': headingId, dataset: { impactId: impact.id, allianceId: impact.allianceId } },
    h('h2', { id: headingId }, h('a', { href: `alliance.html?id=${encodeURIComponent(impact.allianceId)}` }, impact.allianceName)),
    h('p', { class: 'meta' }, badge(impact.severity, label(impact.severity)), ` ${label(impact.tier)} · ${label(impact.stage)} · `,
      h('strong', {}, label(impact.status)), ` · assessed ${when(impact.assessedAt)}`),
    h('h3', {}, 'Findings'),
    [...byKind.entries()].map(([kind, findings]) => h('div', { class: 'findings' },
      h('h4', {}, label(kind)),
      h('ul', {}, findings.map((f) => h('li', {}, f.detail || label(f.seat),
        f.personId ? ` · ${f.personName || f.personId}` : '',
        f.clauseRef ? ` · clause ${f.clauseRef}` : '',
        f.dueDate ? [' · due ', h('time', { datetime: f.dueDate }, day(f.dueDate))] : ''))))),
    impact.notes && impact.notes.length ? h('ul', { class: 'notes' }, impact.notes.map((n) => h('li', {}, n))) : null,
    h('h3', {}, 'Actions'),
    impact.actions.length ? h('ul', { class: 'actions' }, impact.actions.map((a) => actionItem(impact, a))) : empty('No actions.'));
}

function actionItem(impact, action) {
  const open = action.state === 'OPEN';
  const panel = h('div', { class: 'action-form' });
  const buttons = open ? [
    h('button', { type: 'button', onclick: () => complete(impact, action) }, 'Complete'),
    h('button', { type: 'button', 'aria-expanded': 'false', onclick: (e) => toggleForm(e.target, panel, () => dismissForm(impact, action)) }, 'Dismiss…'),
    h('button', { type: 'button', 'aria-expanded': 'false', onclick: (e) => toggleForm(e.target, panel, () => assignForm(impact, action)) }, 'Assign…'),
  ] : [];
  return h('li', { class: `action ${action.state.toLowerCase()}`, dataset: { actionId: action.id, state: action.state, kind: action.kind } },
    h('p', {}, h('strong', {}, action.title), ' ', badge(action.state === 'OPEN' ? 'open' : 'closed', label(action.state))),
    h('p', { class: 'meta' }, label(action.kind), action.assigneeId ? ` · assigned to ${action.assigneeId}` : ' · unassigned',
      action.dueDate ? [' · due ', h('time', { datetime: action.dueDate }, day(action.dueDate))] : ''),
    h('div', { class: 'row' }, buttons), panel);
}

function toggleForm(button, panel, build) {
  const opening = button.getAttribute('aria-expanded') !== 'true';
  for (const b of button.parentElement.querySelectorAll('[aria-expanded]')) b.setAttribute('aria-expanded', 'false');
  replace(panel);
  if (opening) {
    button.setAttribute('aria-expanded', 'true');
    const form = build();
    panel.append(form);
    form.querySelector('input, textarea').focus();
  }
}

async function complete(impact, action) {
  await send(impact, action, 'complete', {}, null, `Completed: ${action.title}`);
}

function dismissForm(impact, action) {
  const form = h('form', { class: 'inline', novalidate: true },
    field('reason', 'Why is this not needed?', h('textarea', { rows: 2 })),
    h('button', { type: 'submit' }, 'Dismiss action'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    send(impact, action, 'dismiss', { reason: form.elements.reason.value }, form, `Dismissed: ${action.title}`);
  });
  return form;
}

function assignForm(impact, action) {
  const form = h('form', { class: 'inline', novalidate: true },
    field('personId', 'Assign to (person id)', h('input', { type: 'text', autocomplete: 'off' })),
    h('button', { type: 'submit' }, 'Assign action'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    send(impact, action, 'assign', { personId: form.elements.personId.value }, form, `Assigned: ${action.title}`);
  });
  return form;
}

async function send(impact, action, verb, body, form, done) {
  try {
    const updated = await api(`/api/v1/impacts/${encodeURIComponent(impact.id)}/actions/${encodeURIComponent(action.id)}/${verb}`,
      { method: 'POST', body });
    const section = document.querySelector(`[data-impact-id="${CSS.escape(impact.id)}"]`);
    const fresh = impactSection(updated);
    section.replaceWith(fresh);
    fresh.querySelector('h2').setAttribute('tabindex', '-1');
    fresh.querySelector('h2').focus();
    announce(done);
    await loadProgress();
  } catch (error) {
    if (form) showErrors(form, error);
    else announce(`Could not ${verb}: ${error.message}`);
  }
}
