// Minimal tracker page client for the presence protocol (format v1, see README "Presence protocol").
// Everything from the server is rendered with textContent: User-Agents and IPs are attacker-controlled.
const CLOSE_MESSAGES = {
  4001: 'Maximum users reached on this instance. Please try again later.',
  4002: 'Too many connections from your address.',
};
const visitors = new Map();
let offsetMs = 0; // server clock minus ours
let heartbeat;
let retryMs = 1000;

const $ = (id) => document.getElementById(id);
const serverNow = () => Date.now() + offsetMs;
const duration = (since) => {
  const s = Math.max(0, Math.floor((serverNow() - Date.parse(since)) / 1000));
  return `${Math.floor(s / 3600)}h ${Math.floor(s / 60) % 60}m ${s % 60}s`;
};
const describe = (v) => `${v.ip} · ${v.browser}${v.browserVersion ? ' ' + v.browserVersion : ''} on ${v.os} (${v.device})`;

function render(total) {
  $('total').textContent = String(total);
  const list = $('visitors');
  list.replaceChildren(...[...visitors.values()]
    .sort((a, b) => Date.parse(b.connectedAt) - Date.parse(a.connectedAt))
    .map((v) => {
      const li = document.createElement('li');
      li.dataset.id = v.id;
      li.dataset.since = v.connectedAt;
      li.textContent = `${describe(v)} · ${duration(v.connectedAt)}`;
      return li;
    }));
}

function connect() {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/presence/ws`);
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.serverTime) offsetMs = Date.parse(message.serverTime) - Date.now();
    if (message.type === 'snapshot') {
      retryMs = 1000;
      $('status').textContent = 'Live';
      $('status').className = '';
      visitors.clear();
      message.sessions.forEach((v) => visitors.set(v.id, v));
      $('you').hidden = false;
      $('you-ip').textContent = message.you.ip;
      $('you-agent').textContent = describe(message.you);
      $('you-instance').textContent = message.you.instance;
      $('you-duration').dataset.since = message.you.connectedAt;
      clearInterval(heartbeat);
      heartbeat = setInterval(() => socket.send('{"type":"heartbeat"}'), message.heartbeatIntervalMs);
      render(message.total);
    } else if (message.type === 'delta') {
      message.left.forEach((id) => visitors.delete(id));
      [...message.joined, ...message.updated].forEach((v) => visitors.set(v.id, v));
      render(message.total);
    }
  };
  socket.onclose = (event) => {
    clearInterval(heartbeat);
    const final = CLOSE_MESSAGES[event.code];
    $('status').className = 'problem';
    if (final) {
      $('status').textContent = final;
      return;
    }
    $('status').textContent = `Reconnecting in ${Math.round(retryMs / 1000)} s…`;
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 30000);
  };
}

setInterval(() => {
  document.querySelectorAll('#visitors li').forEach((li) => {
    const v = visitors.get(li.dataset.id);
    if (v) li.textContent = `${describe(v)} · ${duration(v.connectedAt)}`;
  });
  const you = $('you-duration');
  if (you.dataset.since) you.textContent = duration(you.dataset.since);
}, 1000);
connect();
