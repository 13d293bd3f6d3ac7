// One alliance: team with history, governance bodies, agreements with notice clauses, obligations, past impacts.
import { api, query } from './api.js';
import { $, badge, day, empty, errorBox, h, label, param, replace, table, when } from './dom.js';
import { startShell } from './shell.js';

const id = param('id');
startShell('portfolio.html');
load();

async function load() {
  const root = $('#alliance');
  if (!id) { replace(root, empty('No alliance named.')); return; }
  let a;
  try {
    a = await api(`/api/v1/alliances/${encodeURIComponent(id)}`);
  } catch (error) {
    replace(root, errorBox(error));
    return;
  }
  $('#page-title').textContent = a.name;
  document.title = `${a.name} · Windshift`;
  const obligations = h('div', {}, 'Loading obligations…');
  const impacts = h('div', {}, 'Loading past impacts…');
  replace(root,
    h('p', { class: 'meta' }, `${a.partner} · ${a.asset || 'no asset'} · ${label(a.type)} · ${label(a.stage)} · ${label(a.tier)} · ${label(a.status)}`),
    a.vacantRoles.length ? h('p', {}, badge('high', 'Vacant'), ' ', a.vacantRoles.map(label).join(', ')) : null,
    section('team', 'Team', [
      table('Current team', ['Role', 'Person', 'Since'], a.team.map((m) => h('tr', {},
        h('th', { scope: 'row' }, label(m.role)), h('td', {}, m.personId), h('td', {}, day(m.since))))),
      a.history.length ? table('Team history', ['Role', 'Person', 'From', 'Until', 'Why it ended'], a.history.map((m) => h('tr', {},
        h('th', { scope: 'row' }, label(m.role)), h('td', {}, m.personId), h('td', {}, day(m.since)), h('td', {}, day(m.until)),
        h('td', {}, label(m.endReason), m.endedBy ? ` (${m.endedBy})` : '')))) : empty('No earlier team members.')]),
    section('governance', 'Governance bodies', a.governanceBodies.length ? a.governanceBodies.map((b) => h('div', { class: 'body-card' },
      h('h3', {}, b.name ? `${b.code}: ${b.name}` : b.code),
      h('p', {}, `Members: ${(b.memberIds || []).join(', ') || 'none'}`,
        b.partnerContacts && b.partnerContacts.length ? ` · partner contacts: ${b.partnerContacts.join(', ')}` : ''),
      h('p', {}, b.cadence ? `Meets ${label(b.cadence).toLowerCase()}` : 'No cadence set',
        ' · next meeting ', b.nextMeeting ? h('time', { datetime: b.nextMeeting }, day(b.nextMeeting)) : 'not scheduled'))) : empty('No governance bodies.')),
    section('agreements', 'Agreements', a.agreements.length ? a.agreements.map((g) => h('div', { class: 'body-card' },
      h('h3', {}, g.title ? `${g.agreementId}: ${g.title}` : g.agreementId),
      g.noticeClauses.length ? table(`Notice clauses of ${g.agreementId}`, ['Clause', 'When this seat changes', 'Notice'],
        g.noticeClauses.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.clauseRef), h('td', {}, label(c.seat)), h('td', {}, `${c.noticeDays} days`))))
        : empty('No notice clauses.'))) : empty('No agreements.')),
    section('obligations', 'Obligations', obligations),
    section('impacts', 'Past impacts', impacts));
  loadObligations(obligations);
  loadImpacts(impacts);
}

function section(key, title, content) {
  return h('section', { id: key, class: 'panel', 'aria-labelledby': `${key}-title` }, h('h2', { id: `${key}-title` }, title), content);
}

async function loadObligations(el) {
  try {
    const found = await api(`/api/v1/obligations${query({ allianceId: id, size: 200 })}`);
    replace(el, found.items.length ? table(`Obligations (${found.total})`, ['Obligation', 'Owner', 'Status', 'Next due'],
      found.items.map((o) => h('tr', {}, h('th', { scope: 'row' }, o.title), h('td', {}, o.ownerVacated ? badge('high', 'Owner vacant') : o.ownerId),
        h('td', {}, label(o.status)), h('td', {}, day(o.nextDueDate))))) : empty('No obligations.'));
  } catch (error) {
    replace(el, errorBox(error));
  }
}

async function loadImpacts(el) {
  try {
    const impacts = await api(`/api/v1/impacts${query({ allianceId: id, size: 100 })}`);
    replace(el, impacts.length ? table('Changes that affected this alliance', ['Change', 'Kind', 'Severity', 'Status', 'Assessed'],
      impacts.map((i) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `change.html?trigger=${encodeURIComponent(i.triggerEventId)}` }, i.triggerEventId)),
        h('td', {}, label(i.triggerType)), h('td', {}, label(i.severity)), h('td', {}, label(i.status)), h('td', {}, when(i.assessedAt)))))
      : empty('No change has affected this alliance.'));
  } catch (error) {
    replace(el, errorBox(error));
  }
}
