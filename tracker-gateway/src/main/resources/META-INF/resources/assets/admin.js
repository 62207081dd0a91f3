// Admin dashboard: active users by role live from the monitoring feed (server-sent events), the active session
// list with terminate, traffic chart, visits and session history. Needs the admin role; everything is text.
import { $, el, account, api, hasRole, duration, time, notice, messageRow, confirmDialog } from './common.js';

let trafficChart;
let historyCursor = null;
// Once the feed has spoken its figures win: the list endpoint may answer with figures cached a moment earlier.
let feedLive = false;

function renderFigures(f) {
  $('window').textContent = String(f.windowMinutes);
  $('active-users').textContent = String(f.activeUsers);
  $('active-sessions').textContent = String(f.activeSessions);
  // every known role, 0 included, and who: "student 2 (student1, student2)" as the original dashboard showed it
  const roles = Object.entries(f.byRole || {});
  const names = f.usersByRole || {};
  $('by-role').replaceChildren(...roles.map(([role, count]) => el('li', { class: 'list-inline-item me-3', dataset: { role } },
    el('span', { class: `badge ${count ? 'text-bg-primary' : 'text-bg-light'} me-1` }, String(count)), role,
    (names[role] || []).length ? el('span', { class: 'text-secondary ms-1' },
      `(${names[role].join(', ')}${names[role].length < count ? ', …' : ''})`) : '')));
  if (!f.activeUsers) $('by-role').append(el('li', { class: 'list-inline-item text-secondary' }, 'Nobody is signed in.'));
}

async function loadSessions() {
  const tbody = $('sessions');
  try {
    const active = await api('/api/sessions/active?limit=100');
    if (!feedLive) renderFigures(active);
    if (!active.sessions.length) {
      messageRow(tbody, 8, 'No active sessions.');
      return;
    }
    tbody.replaceChildren(...active.sessions.map((s) => el('tr', { dataset: { session: s.sessionId, user: s.username } },
      el('td', {}, s.username), el('td', {}, s.role), el('td', {}, time(s.loginTime)),
      el('td', {}, time(s.lastActivity)), el('td', { class: 'mono' }, s.ip || '–'),
      el('td', {}, `${s.browser || '?'} / ${s.os || '?'}`), el('td', {}, duration(s.durationSeconds)),
      el('td', { class: 'table-actions' }, el('button', {
        class: 'btn btn-outline-danger btn-sm', type: 'button', 'aria-label': `Terminate the session of ${s.username}`,
        onclick: () => terminate(s),
      }, 'Terminate')))));
  } catch (e) {
    messageRow(tbody, 8, `Sessions unavailable: ${e.message}`, 'danger');
  }
}

async function terminate(session) {
  const ok = await confirmDialog('End this session?',
    `${session.username} (${session.role}) will be signed out at once and must sign in again.`, 'Terminate session');
  if (!ok) return;
  try {
    await api(`/api/sessions/${encodeURIComponent(session.sessionId)}/terminate`, { method: 'POST' });
    $('sessions').querySelector(`[data-session="${CSS.escape(session.sessionId)}"]`)?.remove();
    await loadSessions();
  } catch (e) {
    notice($('denied'), 'danger', `Could not terminate: ${e.message}`);
    $('denied').hidden = false;
  }
}

/** The feed pushes figures on every change; the session list is re-read with them. */
function follow() {
  const feed = new EventSource('/api/sessions/active/feed');
  feed.onopen = () => { $('feed-state').textContent = 'live'; };
  feed.onmessage = (event) => {
    feedLive = true;
    renderFigures(JSON.parse(event.data));
    loadSessions();
  };
  feed.onerror = () => { $('feed-state').textContent = 'reconnecting…'; };
}

async function loadTraffic() {
  try {
    const points = await api('/api/traffic/live?minutes=60');
    const labels = points.map((p) => new Date(p.minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    const data = [
      { label: 'requests/s', data: points.map((p) => p.requestsPerSecond), yAxisID: 'y' },
      { label: 'p95 latency (ms)', data: points.map((p) => p.p95ResponseMs), yAxisID: 'ms' },
      { label: 'active users', data: points.map((p) => p.activeUsers), yAxisID: 'y' },
    ];
    if (!trafficChart) {
      trafficChart = new window.Chart($('traffic-chart'), {
        type: 'line',
        data: { labels, datasets: data },
        options: {
          animation: false, maintainAspectRatio: false, spanGaps: true,
          scales: { y: { beginAtZero: true }, ms: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } } },
        },
      });
    } else {
      trafficChart.data.labels = labels;
      trafficChart.data.datasets.forEach((d, i) => { d.data = data[i].data; });
      trafficChart.update();
    }
    $('traffic-state').textContent = points.length ? `${points.length} minutes` : 'No traffic recorded in the last hour.';
  } catch (e) {
    $('traffic-state').textContent = `Traffic unavailable: ${e.message}`;
  }
}

async function loadVisits() {
  try {
    const [v, latest] = await Promise.all([api('/api/visits/summary?hours=24'), api('/api/visits?limit=8')]);
    const table = (headings, rows) => el('table', { class: 'table table-sm' },
      el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
    const network = (asn, organization) => (asn == null ? 'unknown' : `AS${asn} ${organization || ''}`.trim());
    const kind = (visit) => [visit.vpn && 'VPN', visit.hosting && 'hosting'].filter(Boolean).join(', ') || '—';
    $('visits').replaceChildren(
      el('p', {}, el('strong', {}, String(v.visits)), ' visits · ', el('strong', {}, String(v.uniqueIps)), ' IPs · ',
        el('strong', {}, `${Math.round(v.vpnShare * 100)}%`), ' VPN/proxy · ',
        el('strong', {}, `${Math.round(v.hostingShare * 100)}%`), ' hosting'),
      v.byCountry.length
        ? table(['Country', 'Visits'], v.byCountry.slice(0, 8).map((c) => [c.country, String(c.visits)]))
        : el('p', { class: 'text-secondary' }, 'No visits yet.'),
      v.byNetwork.length
        ? table(['Network', 'Hosting', 'Visits'], v.byNetwork.slice(0, 8).map((n) => [network(n.asn, n.organization),
          n.hosting ? 'yes' : 'no', String(n.visits)]))
        : el('p', { class: 'text-secondary' }, ''),
      el('h3', { class: 'h6' }, 'Latest visits'),
      latest.items.length
        ? table(['When', 'IP', 'Country', 'Network', 'VPN / hosting'], latest.items.map((i) => [
          new Date(i.visitTime).toLocaleTimeString(), i.ip, i.country || '??', network(i.asn, i.asOrganization), kind(i)]))
        : el('p', { class: 'text-secondary' }, 'No visits yet.'),
      el('h3', { class: 'h6' }, 'Fraud alerts'),
      v.fraudAlerts.length
        ? el('ul', {}, v.fraudAlerts.map((a) => el('li', {}, `${a.kind}: ${a.subject} (${a.count})`)))
        : el('p', { class: 'text-secondary' }, 'None.'),
      // the ASN data's licence (CC BY 4.0) asks pages showing it to credit its sources
      el('p', { class: 'small text-secondary mb-0' }, 'Networks: ', el('a', { href: 'https://db-ip.com' }, 'IP Geolocation by DB-IP'),
        ', RouteViews and NRO (CC BY 4.0); countries: ip-location-db (CC0).'));
  } catch (e) {
    notice($('visits'), 'danger', `Visits unavailable: ${e.message}`);
  }
}

async function loadHistory(cursor) {
  const tbody = $('history');
  messageRow(tbody, 7, 'Loading…');
  const form = new FormData($('history-filter'));
  const query = new URLSearchParams({ limit: '20' });
  for (const [key, value] of form.entries()) if (value) query.set(key, value);
  if (cursor) query.set('cursor', cursor);
  try {
    const page = await api(`/api/sessions?${query}`);
    historyCursor = page.nextCursor;
    $('history-next').disabled = !historyCursor;
    if (!page.items.length) {
      messageRow(tbody, 7, 'No sessions match.');
      return;
    }
    tbody.replaceChildren(...page.items.map((s) => el('tr', {},
      el('td', {}, s.username), el('td', {}, s.role), el('td', {}, time(s.loginTime)), el('td', {}, time(s.logoutTime)),
      el('td', {}, s.active ? 'active' : (s.endReason || 'ended').toLowerCase()), el('td', { class: 'mono' }, s.ip || '–'),
      el('td', {}, duration(s.durationSeconds)))));
  } catch (e) {
    messageRow(tbody, 7, `History unavailable: ${e.message}`, 'danger');
  }
}

async function start() {
  const me = await account();
  if (!hasRole(me, 'admin')) {
    $('dashboard').hidden = true;
    $('denied').hidden = false;
    notice($('denied'), 'warning', me.authenticated
      ? 'The admin dashboard needs the admin role.' : 'Sign in with an admin account to see the dashboard.');
    return;
  }
  $('history-filter').addEventListener('submit', (event) => { event.preventDefault(); loadHistory(null); });
  $('history-first').addEventListener('click', () => loadHistory(null));
  $('history-next').addEventListener('click', () => loadHistory(historyCursor));
  await loadSessions();
  follow();
  loadTraffic();
  loadVisits();
  loadHistory(null);
  setInterval(loadTraffic, 30000);
  setInterval(loadVisits, 60000);
}

start();
