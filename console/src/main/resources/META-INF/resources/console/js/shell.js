// What every page shares: the header with navigation, the unread count, who is signed in, sign-out.
import { api, csrfToken, SIGN_IN_URL } from './api.js';
import { h, replace } from './dom.js';

const PAGES = [
  ['index.html', 'Inbox'],
  ['portfolio.html', 'Portfolio'],
  ['obligations.html', 'Obligations'],
  ['handover.html', 'Handover'],
  ['preferences.html', 'Preferences'],
];

const unread = h('span', { class: 'unread', id: 'unread-count', 'aria-live': 'polite' });

/** Renders the header into <header id="top"> and starts the unread count. `current` is the page's file name. */
export function startShell(current) {
  const header = document.getElementById('top');
  const nav = h('nav', { 'aria-label': 'Console' },
    h('ul', {}, PAGES.map(([href, text]) => h('li', {},
      h('a', { href, 'aria-current': href === current ? 'page' : null }, text,
        href === 'index.html' ? [' ', unread] : [])))));
  const who = h('div', { class: 'who', id: 'who' });
  replace(header, h('a', { class: 'brand', href: 'index.html' }, 'Windshift'), nav, who);
  refreshUnread();
  showWho(who);
  document.addEventListener('windshift:signed-out', signedOut, { once: true });
}

export async function refreshUnread() {
  try {
    const { unreadCount } = await api('/api/v1/notifications/unread-count');
    unread.textContent = unreadCount > 0 ? `${unreadCount} unread` : 'none unread';
    unread.dataset.count = String(unreadCount);
  } catch {
    unread.textContent = '';
  }
}

/** The sign-in side's /console/api/me names the person; with bearer tokens only (tests, API clients) it may be absent. */
async function showWho(who) {
  let me;
  try {
    me = await api('/console/api/me');
  } catch {
    return;
  }
  if (!me) return;
  const form = h('form', { method: 'post', action: '/logout', class: 'sign-out' },
    h('input', { type: 'hidden', name: '_csrf', value: csrfToken() || '' }),
    h('button', { type: 'submit' }, 'Sign out'));
  replace(who, h('span', { id: 'who-name', dataset: { personId: me.personId } }, me.name || me.personId,
    me.roles && me.roles.length ? h('span', { class: 'roles' }, ` (${me.roles.join(', ').toLowerCase().replaceAll('_', ' ')})`) : null), form);
}

function signedOut() {
  const main = document.getElementById('main');
  main.prepend(h('p', { class: 'error', role: 'alert', id: 'signed-out' },
    'You are not signed in. ', h('a', { href: SIGN_IN_URL }, 'Sign in'), ' to continue.'));
}
