// Preferences: channels per category (in order of preference), severity threshold, quiet hours with time zone,
// daily digest, webhook URL. Saved as a whole (PUT); field errors from the API appear next to their field.
import { api } from './api.js';
import { $, announce, errorBox, h, label, replace } from './dom.js';
import { clearErrors, field, showErrors } from './forms.js';
import { startShell } from './shell.js';

const CATEGORIES = ['ALLIANCE_CHANGE', 'OBLIGATION', 'ESCALATION'];
const CHANNELS = ['IN_APP', 'EMAIL', 'WEBHOOK'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

startShell('preferences.html');
load();

async function load() {
  try {
    render(await api('/api/v1/preferences'));
  } catch (error) {
    replace($('#preferences'), errorBox(error));
  }
}

function render(p) {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const form = h('form', { id: 'preferences-form', novalidate: true },
    h('fieldset', {}, h('legend', {}, 'Channels per category'),
      CATEGORIES.map((category) => h('div', { class: 'field', dataset: { field: `channels.${category}` } },
        h('fieldset', { class: 'channels' }, h('legend', {}, label(category)),
          CHANNELS.map((channel) => {
            const id = `ch-${category}-${channel}`;
            return h('span', { class: 'check' },
              h('input', { type: 'checkbox', id, name: `channel-${category}`, value: channel, checked: (p.channels[category] || []).includes(channel) }),
              h('label', { for: id }, label(channel === 'IN_APP' ? 'in_app_inbox' : channel)));
          })),
        h('p', { class: 'field-error', id: `err-${category}`, hidden: true })))),
    field('minimumSeverity', 'Tell me from this severity up', h('select', {},
      SEVERITIES.map((s) => h('option', { value: s, selected: s === p.minimumSeverity }, label(s))))),
    h('fieldset', {}, h('legend', {}, 'Quiet hours'),
      field('quietHoursStart', 'From (HH:mm)', h('input', { type: 'text', inputmode: 'numeric', value: p.quietHoursStart || '', placeholder: '22:00' })),
      field('quietHoursEnd', 'Until (HH:mm)', h('input', { type: 'text', inputmode: 'numeric', value: p.quietHoursEnd || '', placeholder: '07:00' })),
      field('timeZone', 'Time zone', h('input', { type: 'text', list: 'zones', value: p.timeZone || 'UTC', autocomplete: 'off' }), 'For example Europe/Zurich'),
      h('datalist', { id: 'zones' }, zones.map((z) => h('option', { value: z })))),
    h('fieldset', {}, h('legend', {}, 'Daily digest'),
      h('div', { class: 'field check', dataset: { field: 'digestEnabled' } },
        h('input', { type: 'checkbox', id: 'digestEnabled', name: 'digestEnabled', checked: Boolean(p.digestEnabled) }),
        h('label', { for: 'digestEnabled' }, 'Send me one digest a day instead of each email')),
      field('digestTime', 'Digest time (HH:mm)', h('input', { type: 'text', inputmode: 'numeric', value: p.digestTime || '08:00' }))),
    field('webhookUrl', 'Webhook URL (Teams, Slack or your own)', h('input', { type: 'url', value: p.webhookUrl || '' }),
      'Needed when a category uses the webhook channel. Its signing secret is shown once, when first saved.'),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Save preferences')),
    h('div', { id: 'secret' }));
  form.addEventListener('submit', (e) => { e.preventDefault(); save(form); });
  replace($('#preferences'), form);
}

function text(form, name) {
  const v = form.elements[name].value.trim();
  return v === '' ? null : v;
}

async function save(form) {
  clearErrors(form);
  const channels = {};
  for (const category of CATEGORIES) {
    channels[category] = [...form.querySelectorAll(`input[name="channel-${category}"]:checked`)].map((i) => i.value);
  }
  const body = {
    channels,
    minimumSeverity: form.elements.minimumSeverity.value,
    quietHoursStart: text(form, 'quietHoursStart'),
    quietHoursEnd: text(form, 'quietHoursEnd'),
    timeZone: text(form, 'timeZone'),
    digestEnabled: form.elements.digestEnabled.checked,
    digestTime: text(form, 'digestTime'),
    webhookUrl: text(form, 'webhookUrl'),
  };
  try {
    const saved = await api('/api/v1/preferences', { method: 'PUT', body });
    const secret = $('#secret');
    replace(secret, saved.webhookSecret ? h('p', { class: 'notice' }, 'Webhook signing secret (shown only now, keep it): ', h('code', {}, saved.webhookSecret)) : '');
    announce('Preferences saved.');
  } catch (error) {
    showErrors(form, error);
    announce('Preferences not saved: see the messages next to the fields.');
  }
}
