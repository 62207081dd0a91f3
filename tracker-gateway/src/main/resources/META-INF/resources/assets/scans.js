// Scan console: start a scan and follow it (server-sent events), scan history and diffs, the inventory with
// filters, sorting and paging, cost charts, and stop/start/delete always dry-run first, then confirmed.
// Operators act; viewers read. Resource names and tags are attacker-controlled: text only.
import { $, el, account, api, hasRole, time, money, notice, messageRow, confirmDialog } from './common.js';

const PAGE_SIZE = 25;
const state = { me: null, rules: null, scan: null, page: 0, sort: 'type', order: 'asc', total: 0, selected: new Map(), compare: [] };
const charts = {};
const key = (r) => `${r.type}|${r.region}|${r.id}`;
const canAct = () => hasRole(state.me, 'operator', 'admin');

/** Why a resource cannot be selected for an action, or null. */
function blocked(resource) {
  if (!canAct()) return 'needs the operator role';
  const actions = state.rules.actions[resource.type] || [];
  if (!actions.length) return `no actions for ${resource.type}`;
  for (const rule of state.rules.protection_tags) {
    const [tagKey, tagValue] = rule.split('=');
    const value = resource.tags[tagKey.trim()];
    if (value !== undefined && (tagValue === undefined || value.trim().toLowerCase() === tagValue.trim().toLowerCase())) {
      return `protected by tag ${rule}`;
    }
  }
  return null;
}

function tagList(tags) {
  const entries = Object.entries(tags || {});
  return entries.length ? entries.map(([k, v]) => el('span', { class: 'badge text-bg-light border me-1 mono' }, `${k}=${v}`)) : '–';
}

async function loadResources() {
  const tbody = $('resources');
  messageRow(tbody, 8, 'Loading…');
  $('filter-error').textContent = '';
  const query = new URLSearchParams({ page: String(state.page), size: String(PAGE_SIZE), sort: state.sort, order: state.order });
  for (const [name, value] of new FormData($('filters')).entries()) if (String(value).trim()) query.set(name, String(value).trim());
  try {
    const page = await api(`/api/v1/scans/${state.scan}/resources?${query}`);
    state.total = page.total;
    $('match-count').textContent = String(page.total);
    $('match-cost').textContent = money(page.total_monthly_cost);
    $('page-info').textContent = page.total ? `${page.page * PAGE_SIZE + 1}–${page.page * PAGE_SIZE + page.items.length} of ${page.total}` : '';
    $('page-prev').disabled = state.page === 0;
    $('page-next').disabled = (state.page + 1) * PAGE_SIZE >= page.total;
    if (!page.items.length) {
      messageRow(tbody, 8, 'No resources match these filters.');
      return;
    }
    tbody.replaceChildren(...page.items.map((r) => {
      const reason = blocked(r);
      const box = el('input', { class: 'form-check-input', type: 'checkbox', disabled: reason !== null,
        'aria-label': `Select ${r.type} ${r.id}`, title: reason || undefined, checked: state.selected.has(key(r)),
        onchange: (event) => { if (event.target.checked) state.selected.set(key(r), r); else state.selected.delete(key(r)); updateBulk(); } });
      return el('tr', { dataset: { key: key(r), type: r.type, id: r.id } },
        el('td', {}, box, reason && reason !== 'needs the operator role' ? el('div', { class: 'small text-secondary blocked' }, reason) : ''),
        el('td', {}, r.type), el('td', {}, r.name || '–'), el('td', { class: 'mono' }, r.id), el('td', {}, r.region),
        el('td', { class: 'state' }, r.state || '–'), el('td', {}, tagList(r.tags)),
        el('td', { title: r.cost_basis || undefined }, money(r.monthly_cost)));
    }));
  } catch (e) {
    if (e.status === 400) $('filter-error').textContent = e.message;
    messageRow(tbody, 8, `Resources unavailable: ${e.message}`, 'danger');
  }
}

function updateBulk() {
  const n = state.selected.size;
  $('bulk-button').disabled = n === 0;
  $('bulk-button').textContent = n ? `Dry run on ${n} selected` : 'Dry run on selected';
}

function barChart(id, totals, label) {
  const entries = Object.entries(totals).filter(([, v]) => Number(v) > 0);
  const data = { labels: entries.map(([k]) => k), datasets: [{ label, data: entries.map(([, v]) => Number(v)) }] };
  if (charts[id]) {
    charts[id].data = data;
    charts[id].update();
  } else {
    charts[id] = new window.Chart($(id), { type: 'bar', data, options: { animation: false, maintainAspectRatio: false, indexAxis: 'y' } });
  }
}

async function viewScan(id) {
  state.scan = id;
  state.page = 0;
  state.selected.clear();
  updateBulk();
  $('result').hidden = false;
  $('scan-id').textContent = id.slice(0, 8);
  await showErrors(id);
  try {
    const costs = await api(`/api/v1/scans/${id}/costs`);
    barChart('cost-type', costs.by_type, 'USD a month');
    barChart('cost-region', costs.by_region, 'USD a month');
  } catch (e) {
    $('denied').hidden = false;
    notice($('denied'), 'danger', `Costs unavailable: ${e.message}`);
  }
  await loadResources();
}

/** Tasks that failed in a scan, with the first reason per service and region ("19 errors" alone says nothing). */
async function showErrors(id) {
  const box = $('scan-errors');
  box.hidden = true;
  let errors = [];
  try {
    errors = (await api(`/api/v1/scans/${id}`)).errors || [];
  } catch { /* the scan's inventory below still shows; its errors are not essential */ }
  if (!errors.length) return;
  const groups = new Map();
  for (const e of errors) {
    const key = `${e.service} · ${e.region}`;
    const group = groups.get(key);
    if (group) group.more += 1;
    else groups.set(key, { first: e, more: 0 });
  }
  const shown = [...groups.entries()].slice(0, 30);
  box.replaceChildren(
    el('p', { class: 'mb-1' }, `${errors.length} task${errors.length === 1 ? '' : 's'} failed; the first reason per service and region:`),
    el('ul', { class: 'small mb-0', id: 'scan-error-list' }, shown.map(([key, g]) => el('li', {},
      `${key}: ${g.first.error_code} — ${g.first.message}${g.more ? ` (and ${g.more} more)` : ''}`))),
    groups.size > shown.length ? el('p', { class: 'small mb-0' }, `…and ${groups.size - shown.length} more groups`) : '');
  box.hidden = false;
}

async function loadHistory() {
  const tbody = $('history');
  try {
    const scans = await api('/api/v1/scans?size=20');
    if (!scans.length) {
      messageRow(tbody, 7, 'No scans yet.');
      return scans;
    }
    tbody.replaceChildren(...scans.map((s) => el('tr', { dataset: { scan: s.id } },
      el('td', {}, el('input', { class: 'form-check-input', type: 'checkbox', 'aria-label': `Compare scan ${s.id.slice(0, 8)}`,
        disabled: s.status !== 'completed', onchange: (event) => toggleCompare(s.id, event.target) })),
      el('td', {}, time(s.created_at)), el('td', {}, s.status), el('td', {}, String(s.progress.resources_found)),
      el('td', {}, String(s.progress.errors)), el('td', {}, s.total_monthly_cost === undefined ? '–' : money(s.total_monthly_cost)),
      el('td', {}, el('button', { class: 'btn btn-link btn-sm', type: 'button', disabled: s.status !== 'completed',
        onclick: () => viewScan(s.id) }, 'View')))));
    return scans;
  } catch (e) {
    messageRow(tbody, 7, `Scans unavailable: ${e.message}`, 'danger');
    return [];
  }
}

function toggleCompare(id, box) {
  state.compare = state.compare.filter((c) => c !== id);
  if (box.checked) state.compare.push(id);
  if (state.compare.length > 2) {
    const dropped = state.compare.shift();
    $('history').querySelector(`[data-scan="${CSS.escape(dropped)}"] input`).checked = false;
  }
  $('diff-button').disabled = state.compare.length !== 2;
}

async function showDiff() {
  const box = $('diff');
  box.hidden = false;
  notice(box, 'secondary', 'Comparing…');
  try {
    const rows = [...$('history').querySelectorAll('tr[data-scan]')].map((tr) => tr.dataset.scan);
    const [from, to] = [...state.compare].sort((a, b) => rows.indexOf(b) - rows.indexOf(a)); // older first
    const d = await api(`/api/v1/scans/${from}/diff/${to}`);
    const list = (items, describe) => (items.length ? el('ul', { class: 'small mb-2' }, items.slice(0, 20).map((x) => el('li', {}, describe(x)))) : '');
    const delta = d.cost_delta === null ? 'n/a' : `${Number(d.cost_delta) < 0 ? '−' : '+'}${money(Math.abs(Number(d.cost_delta)))}`;
    box.replaceChildren(el('p', { class: 'mb-1', id: 'diff-summary' }, `${d.diff.new_count} new · ${d.diff.gone_count} gone · `
      + `${d.diff.changed_count} changed · cost ${delta} a month`),
    list(d.diff.added, (r) => `+ ${r.type} ${r.name || r.id} (${r.region})`),
    list(d.diff.gone, (r) => `− ${r.type} ${r.name || r.id} (${r.region})`),
    list(d.diff.changed, (c) => `~ ${c.resource.type} ${c.resource.name || c.resource.id}: ${c.previous_state} → ${c.resource.state}`));
  } catch (e) {
    notice(box, 'danger', `Comparison failed: ${e.message}`);
  }
}

function follow(id) {
  $('scan-progress-box').hidden = false;
  const bar = $('scan-progress-bar');
  const events = new EventSource(`/api/v1/scans/${id}/events`);
  events.onmessage = async (event) => {
    const s = JSON.parse(event.data);
    const p = s.progress;
    const percent = p.tasks_total ? Math.floor((p.tasks_done / p.tasks_total) * 100) : 0;
    bar.className = `progress-bar ${s.status === 'running' || s.status === 'queued' ? 'progress-bar-striped progress-bar-animated' : ''}`;
    bar.style.width = `${percent}%`; // CSSOM, not an inline style attribute: allowed by the CSP
    $('scan-progress').setAttribute('aria-valuenow', String(percent));
    $('scan-progress-text').textContent = `${s.status}: ${p.tasks_done}/${p.tasks_total} tasks, ${p.resources_found} resources, ${p.errors} errors`;
    if (s.status === 'completed' || s.status === 'failed') {
      events.close();
      $('scan-start').disabled = false;
      await loadHistory();
      if (s.status === 'completed') await viewScan(s.id);
      else $('scan-progress-text').textContent = `failed: ${s.failure}`;
    }
  };
  events.onerror = () => { $('scan-progress-text').textContent = 'Progress feed interrupted; retrying…'; };
}

async function startScan(event) {
  event.preventDefault();
  const regions = $('scan-regions').value.split(',').map((r) => r.trim()).filter(Boolean);
  const types = [...$('scan-types').querySelectorAll('input:checked')].map((i) => i.value);
  const body = {};
  if (regions.length) body.regions = regions;
  if (types.length && types.length < state.rules.resource_types.length) body.resource_types = types;
  $('scan-start').disabled = true;
  try {
    const scan = await api('/api/v1/scans', { method: 'POST', body });
    follow(scan.id);
  } catch (e) {
    $('scan-start').disabled = false;
    $('scan-progress-box').hidden = false;
    $('scan-progress-text').textContent = `Scan not started: ${e.message}`;
  }
}

function resultsTable(results) {
  return el('table', { class: 'table table-sm mb-0', id: 'action-results' },
    el('thead', {}, el('tr', {}, ['Resource', 'Outcome', 'Detail'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, results.map((r) => el('tr', { dataset: { outcome: r.outcome } },
      el('td', { class: 'mono' }, `${r.resource_type} ${r.resource_id}`),
      el('td', {}, el('span', { class: `badge text-bg-${{ would_succeed: 'info', succeeded: 'success', refused: 'warning', failed: 'danger' }[r.outcome] || 'secondary'}` }, r.outcome)),
      el('td', { class: 'small' }, r.detail || '', r.verification_status ? ` (${r.verification_status}${r.new_state ? `: ${r.new_state}` : ''})` : '')))));
}

async function bulkAction() {
  const action = $('bulk-action').value;
  const items = [...state.selected.values()].map((r) => ({ resource_type: r.type, region: r.region, resource_id: r.id, action }));
  try {
    const dry = await api('/api/v1/actions/bulk', { method: 'POST', body: { items, dry_run: true } });
    const passing = dry.results.filter((r) => r.outcome === 'would_succeed');
    const go = await confirmDialog(`Dry run: ${action} ${items.length} resource(s)`,
      el('div', {}, resultsTable(dry.results), el('p', { class: 'mt-2 mb-0' }, passing.length
        ? `${passing.length} would succeed. Run ${action} on them for real?` : 'Nothing would succeed; nothing will be done.')),
      passing.length ? `${action} ${passing.length} for real` : 'Close', passing.length > 0);
    if (!go || !passing.length) return;
    const real = await api('/api/v1/actions/bulk', { method: 'POST', body: {
      items: passing.map((r) => ({ resource_type: r.resource_type, region: r.region, resource_id: r.resource_id, action })), dry_run: false } });
    real.results.forEach((r) => {
      const row = $('resources').querySelector(`[data-key="${CSS.escape(`${r.resource_type}|${r.region}|${r.resource_id}`)}"] .state`);
      if (row && r.new_state) row.textContent = r.new_state;
    });
    state.selected.clear();
    updateBulk();
    await confirmDialog(`Done: ${real.succeeded} succeeded, ${real.failed} failed, ${real.refused} refused`, resultsTable(real.results), 'Close', false);
    await loadResources();
  } catch (e) {
    await confirmDialog('Action not carried out', e.message, 'Close', false);
  }
}

function sortBy(header) {
  const column = header.dataset.sort;
  state.order = state.sort === column && state.order === 'asc' ? 'desc' : 'asc';
  state.sort = column;
  document.querySelectorAll('.sortable').forEach((h) => h.removeAttribute('aria-sort'));
  header.setAttribute('aria-sort', state.order === 'asc' ? 'ascending' : 'descending');
  state.page = 0;
  loadResources();
}

async function start() {
  state.me = await account();
  if (!hasRole(state.me, 'viewer', 'operator', 'admin')) {
    $('console').hidden = true;
    $('denied').hidden = false;
    notice($('denied'), 'warning', state.me.authenticated ? 'The scan console needs the viewer, operator or admin role.'
      : 'Sign in to see the AWS inventory.');
    return;
  }
  state.rules = await api('/api/v1/actions/rules');
  $('scan-types').replaceChildren(...state.rules.resource_types.map((t) => el('div', { class: 'form-check' },
    el('input', { class: 'form-check-input', type: 'checkbox', id: `t-${t}`, value: t, checked: true }),
    el('label', { class: 'form-check-label', for: `t-${t}` }, t))));
  $('f-type').append(...state.rules.resource_types.map((t) => el('option', { value: t }, t)));
  // the button stays disabled until its handler is attached: an early click would submit the form natively
  $('scan-start').disabled = !canAct();
  if (!canAct()) {
    $('scan-readonly').hidden = false;
    $('bulk-button').hidden = true;
    $('bulk-action').hidden = true;
  }
  $('scan-form').addEventListener('submit', startScan);
  $('filters').addEventListener('submit', (event) => { event.preventDefault(); state.page = 0; loadResources(); });
  $('page-prev').addEventListener('click', () => { state.page -= 1; loadResources(); });
  $('page-next').addEventListener('click', () => { state.page += 1; loadResources(); });
  $('bulk-button').addEventListener('click', bulkAction);
  $('diff-button').addEventListener('click', showDiff);
  $('select-all').addEventListener('change', (event) => {
    $('resources').querySelectorAll('input[type=checkbox]:not(:disabled)').forEach((box) => {
      if (box.checked !== event.target.checked) box.click();
    });
  });
  document.querySelectorAll('.sortable').forEach((header) => {
    header.addEventListener('click', () => sortBy(header));
    header.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sortBy(header); } });
  });
  const scans = await loadHistory();
  const newest = scans.find((s) => s.status === 'completed');
  if (newest) await viewScan(newest.id);
}

start();
