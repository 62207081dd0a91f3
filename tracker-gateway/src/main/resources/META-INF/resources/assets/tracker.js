// The public tracker page: the presence protocol over WebSocket (snapshot, then deltas), a duration counter from
// server timestamps, reconnect with back-off, the heartbeat, and the "maximum users" page. Text only, never HTML.
import { $, el, account, api, duration } from './common.js';

const FINAL_CLOSES = {
  4001: null, // maximum users: the limit page
  4002: 'Too many connections from your address: close another tab and reload.',
};
const visitors = new Map();
let you = null;
let offsetMs = 0; // server clock minus ours
let heartbeat;
let retryMs = 1000;
let socket;

const serverNow = () => Date.now() + offsetMs;
const since = (iso) => (serverNow() - Date.parse(iso)) / 1000;
const agent = (v) => `${v.browser}${v.browserVersion ? ` ${v.browserVersion}` : ''} on ${v.os}`;

function status(text, kind) {
  const badge = $('status');
  badge.textContent = text;
  badge.className = `badge text-bg-${kind}`;
}

function visitorItem(v) {
  const mine = v.id === you?.id;
  return el('li', { class: `list-group-item visitor d-flex flex-wrap gap-2 justify-content-between${mine ? ' you' : ''}`, dataset: { id: v.id } },
    el('span', {},
      el('span', { class: 'mono me-2' }, v.ip),
      el('span', {}, `${agent(v)} · ${v.device}`),
      mine ? el('span', { class: 'badge text-bg-info ms-2' }, 'you') : '',
      el('div', { class: 'small text-secondary user-agent' }, v.userAgent)),
    el('span', { class: 'text-secondary' }, `via ${v.instance} · `, el('span', { class: 'duration', dataset: { since: v.connectedAt } },
      duration(since(v.connectedAt)))));
}

function renderAll(total) {
  $('total').textContent = String(total);
  const list = $('visitors');
  const sorted = [...visitors.values()].sort((a, b) => Date.parse(a.connectedAt) - Date.parse(b.connectedAt));
  list.replaceChildren(...(sorted.length ? sorted.map(visitorItem)
    : [el('li', { class: 'list-group-item text-secondary' }, 'Nobody else is here right now.')]));
}

function join(v) {
  visitors.set(v.id, v);
  const list = $('visitors');
  const existing = list.querySelector(`[data-id="${CSS.escape(v.id)}"]`);
  const item = visitorItem(v);
  if (existing) {
    existing.replaceWith(item);
    return;
  }
  list.querySelector('li:not([data-id])')?.remove();
  item.classList.add('joining');
  list.append(item);
}

function leave(id) {
  visitors.delete(id);
  const item = $('visitors').querySelector(`[data-id="${CSS.escape(id)}"]`);
  if (!item) return;
  item.classList.add('leaving');
  item.addEventListener('animationend', () => item.remove(), { once: true });
  setTimeout(() => item.remove(), 600); // reduced-motion users get no animationend
}

function renderYou(v) {
  $('you').replaceChildren(el('dl', { class: 'row mb-0' },
    el('dt', { class: 'col-sm-4' }, 'IP address'), el('dd', { class: 'col-sm-8 mono', id: 'you-ip' }, v.ip),
    el('dt', { class: 'col-sm-4' }, 'Browser'), el('dd', { class: 'col-sm-8', id: 'you-browser' }, agent(v)),
    el('dt', { class: 'col-sm-4' }, 'Device'), el('dd', { class: 'col-sm-8' }, v.device),
    el('dt', { class: 'col-sm-4' }, 'User-Agent'), el('dd', { class: 'col-sm-8 small user-agent' }, v.userAgent),
    el('dt', { class: 'col-sm-4' }, 'Served by'), el('dd', { class: 'col-sm-8 mono', id: 'you-instance' }, v.instance),
    el('dt', { class: 'col-sm-4' }, 'Here for'),
    el('dd', { class: 'col-sm-8' }, el('span', { class: 'duration', id: 'you-duration', dataset: { since: v.connectedAt } },
      duration(since(v.connectedAt))))));
}

function connect() {
  $('limit').hidden = true;
  $('live').hidden = false;
  socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/presence/ws`);
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.serverTime) offsetMs = Date.parse(message.serverTime) - Date.now();
    if (message.type === 'snapshot') {
      retryMs = 1000;
      status('Live', 'success');
      you = message.you;
      visitors.clear();
      message.sessions.forEach((v) => visitors.set(v.id, v));
      renderYou(you);
      renderAll(message.total);
      clearInterval(heartbeat);
      heartbeat = setInterval(() => socket.send('{"type":"heartbeat"}'), message.heartbeatIntervalMs);
    } else if (message.type === 'delta') {
      message.left.forEach(leave);
      [...message.joined, ...message.updated].forEach(join);
      $('total').textContent = String(message.total);
    }
  };
  socket.onclose = (event) => {
    clearInterval(heartbeat);
    if (event.code in FINAL_CLOSES) {
      if (FINAL_CLOSES[event.code] === null) {
        $('live').hidden = true;
        $('limit').hidden = false;
      } else {
        status(FINAL_CLOSES[event.code], 'danger');
      }
      return;
    }
    // doubling back-off with ±20 % jitter, so the visitors of a restarted instance do not all return at once
    const wait = Math.round(retryMs * (0.8 + Math.random() * 0.4));
    retryMs = Math.min(retryMs * 2, 30000);
    let left = Math.max(1, Math.round(wait / 1000));
    status(`Reconnecting in ${left} s…`, 'warning');
    const countdown = setInterval(() => {
      left -= 1;
      if (left > 0) status(`Reconnecting in ${left} s…`, 'warning');
    }, 1000);
    setTimeout(() => { clearInterval(countdown); status('Reconnecting…', 'warning'); connect(); }, wait);
  };
}

async function instance() {
  try {
    const i = await api('/api/instance');
    const rows = i.onEc2
      ? [['Instance', i.instanceId], ['Type', i.instanceType], ['Region', i.region], ['Zone', i.availabilityZone],
        ['VPC', i.vpcId], ['Public IP', i.publicIp || 'none']]
      : [['Host / pod', i.host], ['Cloud', 'not on EC2']];
    $('instance').replaceChildren(el('dl', { class: 'row mb-0', id: 'instance-details' },
      rows.map(([k, v]) => [el('dt', { class: 'col-5' }, k), el('dd', { class: 'col-7 mono' }, v ?? '–')])));
  } catch (e) {
    $('instance').replaceChildren(el('p', { class: 'text-danger mb-0', role: 'alert' }, `Instance details unavailable: ${e.message}`));
  }
}

setInterval(() => {
  document.querySelectorAll('.duration').forEach((span) => { span.textContent = duration(since(span.dataset.since)); });
}, 1000);
$('limit-retry').addEventListener('click', connect);
account();
instance();
connect();
