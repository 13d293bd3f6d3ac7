// Inbox: newest first with severity and category; read, archive, filter; live through the SSE stream.
import { api, query } from './api.js';
import { $, announce, badge, empty, errorBox, h, label, replace, when } from './dom.js';
import { openLive } from './live.js';
import { refreshUnread, startShell } from './shell.js';

const PAGE_SIZE = 20;
const items = new Map(); // id -> notification, everything loaded so far
let page = 0;
let total = 0;
const filter = { category: '', severity: '', unreadOnly: false, archived: false };

startShell('index.html');
buildFilters();
load(true);
openLive({
  indicator: $('#live'),
  onChange: (id) => upsert(id),
  onReady: (reconnected) => { if (reconnected) load(true); },
});

function buildFilters() {
  const select = (name, text, options) => h('div', { class: 'field' },
    h('label', { for: `filter-${name}` }, text),
    h('select', { id: `filter-${name}`, name, onchange: (e) => { filter[name] = e.target.value; render(); } },
      h('option', { value: '' }, 'All'), options.map((o) => h('option', { value: o }, label(o)))));
  const check = (name, text, reload) => h('div', { class: 'field check' },
    h('input', { type: 'checkbox', id: `filter-${name}`, name,
      onchange: (e) => { filter[name] = e.target.checked; if (reload) load(true); else render(); } }),
    h('label', { for: `filter-${name}` }, text));
  replace($('#filters'),
    select('category', 'Category', ['ALLIANCE_CHANGE', 'OBLIGATION', 'ESCALATION']),
    select('severity', 'Severity', ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']),
    check('unreadOnly', 'Unread only', false),
    check('archived', 'Archived', true));
  $('#more').addEventListener('click', () => { page += 1; load(false); });
}

async function load(fresh) {
  if (fresh) page = 0;
  try {
    const inbox = await api(`/api/v1/notifications${query({ page, size: PAGE_SIZE, archived: filter.archived })}`);
    if (fresh) items.clear();
    for (const item of inbox.items) items.set(item.id, item);
    total = inbox.totalItems;
    render();
  } catch (error) {
    replace($('#inbox'), h('li', {}, errorBox(error)));
  }
}

/** A created or revised notification: read it and put it where it belongs, newest first. */
async function upsert(id) {
  try {
    const item = await api(`/api/v1/notifications/${encodeURIComponent(id)}`);
    const isNew = !items.has(id);
    if (Boolean(item.archivedAt) === filter.archived) items.set(id, item);
    else items.delete(id);
    render();
    refreshUnread();
    announce(isNew ? `New notification: ${item.title}` : `Notification updated: ${item.title}`);
  } catch {
    // Not ours or gone: nothing to show.
  }
}

function visible(item) {
  return (!filter.category || item.category === filter.category)
    && (!filter.severity || item.severity === filter.severity)
    && (!filter.unreadOnly || !item.readAt);
}

function render() {
  const shown = [...items.values()].filter(visible)
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  replace($('#inbox'), shown.length ? shown.map(card) : h('li', {}, empty('No notifications here.')));
  $('#more').hidden = items.size >= total;
}

function card(item) {
  const title = `notification-${item.id}`;
  const actions = [];
  if (!item.readAt) actions.push(h('button', { type: 'button', onclick: () => act(item, 'read') }, 'Mark read'));
  if (!item.archivedAt) actions.push(h('button', { type: 'button', onclick: () => act(item, 'archive') }, 'Archive'));
  const progress = item.progress;
  return h('li', { class: `card ${item.readAt ? 'is-read' : 'is-unread'}`, dataset: { id: item.id, source: item.sourceEventId || '' } },
    h('article', { 'aria-labelledby': title },
      h('p', { class: 'meta' }, badge(item.severity, label(item.severity)), ' ', h('span', { class: 'category' }, label(item.category)),
        ' · ', h('time', { datetime: item.createdAt }, when(item.createdAt)), item.readAt ? '' : [' · ', h('strong', {}, 'Unread')],
        item.cancelledAt ? ' · cancelled' : ''),
      h('h2', { id: title, class: 'card-title' }, item.title),
      h('p', { class: 'body' }, item.body),
      progress ? h('p', { class: 'progress-line' },
        `${progress.done + progress.dismissed} of ${progress.actions} actions closed · ${progress.resolvedImpacts} of ${progress.impacts} alliances resolved`) : null,
      h('div', { class: 'row' },
        link(item),
        actions)));
}

/** Alliance changes open their change page; obligation reminders the obligations page. */
function link(item) {
  if (item.category === 'OBLIGATION') return h('a', { href: 'obligations.html' }, 'Open obligations');
  return item.sourceEventId ? h('a', { href: `change.html?trigger=${encodeURIComponent(item.sourceEventId)}` }, 'Open the change') : null;
}

async function act(item, what) {
  try {
    const updated = await api(`/api/v1/notifications/${encodeURIComponent(item.id)}/${what}`, { method: 'POST' });
    if (what === 'archive' && !filter.archived) items.delete(item.id);
    else items.set(item.id, updated);
    render();
    refreshUnread();
    announce(what === 'read' ? `Marked read: ${item.title}` : `Archived: ${item.title}`);
    $('#inbox').closest('main').focus();
  } catch (error) {
    announce(`Could not ${what}: ${error.message}`);
  }
}
