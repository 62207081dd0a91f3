// Shared by every page: safe DOM building (text only, never HTML from data), API calls with problem bodies,
// the signed-in user, and formatting. User-Agents, tag values and resource names are attacker-controlled.

/** document.getElementById, short. */
export const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become text nodes, so data is never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An API error carrying the HTTP status and the problem body's detail. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Calls an API of the suite (same origin, session cookie) and returns its JSON; throws ApiError otherwise. */
export async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { Accept: 'application/json' }
      : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    const detail = json && (json.detail || json.title) ? (json.detail || json.title)
      : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, detail);
  }
  return json;
}

const PAGES = [['/', 'Who is here'], ['/admin/', 'Admin'], ['/scans/', 'Scans']];

/** The navigation bar every page shares, the current page marked; the user's part is filled by account(). */
function renderNav() {
  const nav = $('site-nav');
  if (!nav) return;
  nav.replaceChildren(el('div', { class: 'container-fluid' },
    el('a', { class: 'navbar-brand', href: '/' }, 'Tracker'),
    el('ul', { class: 'navbar-nav me-auto' }, PAGES.map(([href, label]) => el('li', { class: 'nav-item' },
      el('a', { class: `nav-link${location.pathname === href ? ' active' : ''}`, href,
        'aria-current': location.pathname === href ? 'page' : undefined }, label)))),
    el('div', { id: 'nav-user', class: 'd-flex align-items-center' })));
}

/** The signed-in user ({authenticated, username, roles}); shows it and the sign-in/out link in the navbar. */
export async function account() {
  renderNav();
  let me = { authenticated: false, username: null, roles: [] };
  try { me = await api('/api/gateway/account'); } catch { /* anonymous */ }
  const user = $('nav-user');
  if (user) {
    user.replaceChildren(me.authenticated
      ? el('span', { class: 'navbar-text me-2 d-none d-md-inline' }, `${me.username} (${me.roles.join(', ') || 'no role'})`)
      : '',
    me.authenticated
      // a POST from our own page (the gateway refuses cross-site sign-outs)
      ? el('form', { method: 'post', action: '/logout', class: 'm-0' },
        el('button', { type: 'submit', class: 'btn btn-outline-light btn-sm', title: `Sign out ${me.username}` }, 'Sign out'))
      : el('a', { class: 'btn btn-outline-light btn-sm', href: `/login?redirect=${encodeURIComponent(location.pathname)}` },
        'Sign in'));
  }
  return me;
}

export const hasRole = (me, ...roles) => roles.some((role) => me.roles.includes(role));

/** "1h 02m 05s" from seconds. */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  return `${h}h ${String(m).padStart(2, '0')}m ${String(s % 60).padStart(2, '0')}s`;
}

export const time = (iso) => (iso ? new Date(iso).toLocaleString() : '–');
export const money = (value) => (value === null || value === undefined ? 'usage-based'
  : `$${Number(value).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

/** Replaces a container's content with an alert (error, empty or info), announced to screen readers. */
export function notice(container, kind, text) {
  container.replaceChildren(el('div', { class: `alert alert-${kind} mb-0`, role: kind === 'danger' ? 'alert' : 'status' }, text));
}

/** A table row spanning all columns with a message: loading, empty or error states of tables. */
export function messageRow(tbody, columns, text, kind = 'secondary') {
  tbody.replaceChildren(el('tr', {}, el('td', { colspan: columns, class: `text-${kind} text-center py-3` }, text)));
}

/** Asks for confirmation in an accessible <dialog>; resolves true on confirm. */
export function confirmDialog(title, body, confirmLabel = 'Confirm', danger = true) {
  return new Promise((resolve) => {
    const dialog = el('dialog', { 'aria-labelledby': 'confirm-title', class: 'p-4' },
      el('h2', { id: 'confirm-title', class: 'h5' }, title),
      el('div', { class: 'mb-3' }, body),
      el('div', { class: 'd-flex gap-2 justify-content-end' },
        el('button', { class: 'btn btn-secondary', value: 'cancel', type: 'button', onclick: () => dialog.close('cancel') }, 'Cancel'),
        el('button', { class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, type: 'button', 'data-confirm': true,
          onclick: () => dialog.close('confirm') }, confirmLabel)));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(dialog.returnValue === 'confirm'); });
    document.body.append(dialog);
    dialog.showModal();
    // a destructive step starts on Cancel, so Enter alone never confirms it
    dialog.querySelector(danger ? '[value=cancel]' : '[data-confirm]').focus();
  });
}
