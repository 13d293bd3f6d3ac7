// Portfolio: alliances by tier x stage, alliance-manager load against capacity, vacant roles, a filtered and
// paged list. The list is paged by the API (opt-in page/size, X-Total-Count): one page of alliances per call,
// so the page shows as fast with 5,000 alliances as with 50. The text filter narrows the page shown.
import { api, apiResponse, query } from './api.js';
import { $, badge, empty, errorBox, h, label, replace, table } from './dom.js';
import { startShell } from './shell.js';

const TIERS = ['STRATEGIC', 'STANDARD', 'LOW_TOUCH'];
const STAGES = ['DISCOVERY', 'EARLY', 'LATE', 'COMMERCIAL'];
const PAGE_SIZE = 25;
const state = { tier: '', stage: '', text: '', page: 0, total: 0, alliances: [] };

startShell('portfolio.html');
buildFilters();
loadMatrix();
loadLoad();
loadVacant();
loadAlliances();

async function loadMatrix() {
  try {
    const counts = await api('/api/v1/portfolio/summary');
    const rows = TIERS.map((tier) => h('tr', {}, h('th', { scope: 'row' }, label(tier)),
      STAGES.map((stage) => {
        const n = (counts[tier] && counts[tier][stage]) || 0;
        return h('td', {}, n ? h('button', { type: 'button', class: 'link', 'aria-label': `${n} ${label(tier)} alliances in ${label(stage)}: show them`,
          onclick: () => setFilter(tier, stage) }, String(n)) : '0');
      })));
    replace($('#matrix'), table('Number of alliances you may see, by tier (rows) and stage (columns)', ['Tier', ...STAGES.map(label)], rows));
  } catch (error) {
    replace($('#matrix'), errorBox(error));
  }
}

async function loadLoad() {
  try {
    const load = await api('/api/v1/portfolio/manager-load');
    if (!load.length) { replace($('#load'), empty('No alliance managers in your alliances.')); return; }
    load.sort((a, b) => b.strategicAlliances - a.strategicAlliances);
    replace($('#load'), table('Strategic alliances led per alliance manager, against capacity', ['Manager', 'Load', 'Strategic alliances'],
      load.map((m) => h('tr', { class: m.overCapacity ? 'over' : '' },
        h('th', { scope: 'row' }, m.managerId),
        h('td', {}, h('meter', { min: 0, max: Math.max(m.capacity, m.strategicAlliances), high: m.capacity, value: m.strategicAlliances,
          'aria-label': `${m.managerId}: ${m.strategicAlliances} of ${m.capacity}` }), ` ${m.strategicAlliances} / ${m.capacity}`),
        h('td', {}, m.overCapacity ? badge('critical', 'Over capacity') : 'Within capacity')))));
  } catch (error) {
    replace($('#load'), errorBox(error));
  }
}

async function loadVacant() {
  try {
    const vacancies = await api('/api/v1/portfolio/vacant-roles');
    replace($('#vacant'), vacancies.length
      ? table('Alliances with a required role vacant', ['Alliance', 'Tier', 'Stage', 'Vacant'], vacancies.slice(0, 100).map((v) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `alliance.html?id=${encodeURIComponent(v.allianceId)}` }, v.allianceName)),
        h('td', {}, label(v.tier)), h('td', {}, label(v.stage)), h('td', {}, v.vacantRoles.map(label).join(', ')))))
      : empty('No vacant roles.'));
  } catch (error) {
    replace($('#vacant'), errorBox(error));
  }
}

function buildFilters() {
  const select = (name, text, values) => h('div', { class: 'field' },
    h('label', { for: `filter-${name}` }, text),
    h('select', { id: `filter-${name}`, name }, h('option', { value: '' }, 'All'), values.map((v) => h('option', { value: v }, label(v)))));
  const form = $('#filters');
  replace(form, select('tier', 'Tier', TIERS), select('stage', 'Stage', STAGES),
    h('div', { class: 'field' }, h('label', { for: 'filter-text' }, 'Name, partner or asset contains (this page)'),
      h('input', { id: 'filter-text', name: 'text', type: 'search' })),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setFilter(form.elements.tier.value, form.elements.stage.value, form.elements.text.value);
  });
}

function setFilter(tier, stage, text = state.text) {
  const form = $('#filters');
  form.elements.tier.value = tier;
  form.elements.stage.value = stage;
  form.elements.text.value = text;
  const reload = tier !== state.tier || stage !== state.stage;
  Object.assign(state, { tier, stage, text });
  if (reload) { state.page = 0; loadAlliances(); } else renderAlliances();
}

async function loadAlliances() {
  try {
    const { data, headers } = await apiResponse(`/api/v1/alliances${query({ tier: state.tier, stage: state.stage, page: state.page, size: PAGE_SIZE })}`);
    state.alliances = data;
    state.total = Number(headers.get('X-Total-Count') || data.length);
    renderAlliances();
  } catch (error) {
    replace($('#alliances'), errorBox(error));
  }
}

function renderAlliances() {
  const needle = state.text.trim().toLowerCase();
  const matching = needle ? state.alliances.filter((a) => [a.name, a.partner, a.asset].some((s) => s && s.toLowerCase().includes(needle)))
    : state.alliances;
  const pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
  const rows = matching.map((a) => {
    const manager = a.team.find((m) => m.role === 'ALLIANCE_MANAGER');
    return h('tr', { dataset: { allianceId: a.id } },
      h('th', { scope: 'row' }, h('a', { href: `alliance.html?id=${encodeURIComponent(a.id)}` }, a.name)),
      h('td', {}, a.partner), h('td', {}, label(a.tier)), h('td', {}, label(a.stage)),
      h('td', {}, manager ? manager.personId : ''), h('td', {}, a.vacantRoles.length ? badge('high', a.vacantRoles.map(label).join(', ')) : ''));
  });
  const go = async (delta) => { state.page += delta; await loadAlliances(); $('#alliances-pager').focus(); };
  replace($('#alliances'),
    matching.length ? table(`Alliances (${state.total})`, ['Alliance', 'Partner', 'Tier', 'Stage', 'Alliance manager', 'Vacant'], rows)
      : empty('No alliances match.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages of alliances' },
      h('button', { type: 'button', disabled: state.page === 0, onclick: () => go(-1) }, 'Previous page'),
      h('span', { id: 'alliances-pager', tabindex: '-1' }, ` Page ${state.page + 1} of ${pages} `),
      h('button', { type: 'button', disabled: state.page >= pages - 1, onclick: () => go(1) }, 'Next page')));
}
