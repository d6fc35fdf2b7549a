// The workstation: sign-in, header (user, language, logout), the left nav of the screens GET /api/me lists,
// and a hash router (#/exceptions, #/exceptions/123, #/flows, ...). Each screen is a module under views/.
import { h, mount } from './dom.js';
import * as api from './api.js';
import { t, tv, setLanguage, language, storedLanguage, LANGUAGES } from './i18n.js';
import { state, screens } from './state.js';
import { errorBox } from './components.js';
import { renderLogin } from './views/login.js';
import { renderExceptions } from './views/exceptions.js';
import { renderMessage } from './views/message.js';
import { renderFlows } from './views/flows.js';
import { renderPayments } from './views/payments.js';
import { renderInvoices, renderEvents, renderContracts } from './views/lookup.js';
import { renderTree } from './views/tree.js';
import { renderAudit } from './views/audit.js';

export const SCREENS = ['exceptions', 'flows', 'payments', 'invoices', 'events', 'contracts', 'tree', 'audit'];

const VIEWS = {
  exceptions: (main, route) => (route.segments[1] ? renderMessage(main, route) : renderExceptions(main, route)),
  flows: renderFlows,
  payments: renderPayments,
  invoices: renderInvoices,
  events: renderEvents,
  contracts: renderContracts,
  tree: renderTree,
  audit: renderAudit,
};

const root = () => document.getElementById('app');
let cleanup = null;
let afterLogin = null;

/** #/exceptions/12?status=X → {segments:['exceptions','12'], params:{status:'X'}} */
export function parseHash(hash) {
  const raw = (hash || '').replace(/^#\/?/, '');
  const [path, qs] = raw.split('?');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = Object.fromEntries(new URLSearchParams(qs || ''));
  return { segments, params };
}

export function navigate(path, params) {
  const target = `#/${path}${api.query(params)}`;
  if (window.location.hash === target) route();
  else window.location.hash = target;
}

function stopScreen() {
  if (typeof cleanup === 'function') {
    try {
      cleanup();
    } catch {
      // a screen's cleanup never stops the next one
    }
  }
  cleanup = null;
}

function languageSwitch() {
  const sel = h('select', { id: 'language-switch', 'data-test': 'language-switch', 'aria-label': t('header.language') },
    LANGUAGES.map((l) => h('option', { value: l, selected: l === language() }, t(`lang.${l}`))));
  sel.addEventListener('change', async () => {
    const l = sel.value;
    // the labels, <html lang> and the page change together (no wait between them), then the hub is told
    await setLanguage(l);
    render();
    if (state.me) {
      try {
        await api.put('/api/me/language', { language: l });
        if (state.me) state.me.language = l;
      } catch (e) {
        if (!(e instanceof api.ApiError && e.status === 401)) console.warn('language not saved', e);
      }
    }
  });
  return h('div', { class: 'lang' }, h('label', { for: 'language-switch', class: 'sr-only' }, t('header.language')), sel);
}

function showLogin(message) {
  stopScreen();
  document.title = t('app.title');
  mount(root(), h('header', { class: 'topbar' }, h('span', { class: 'brand' }, t('app.title')), languageSwitch()),
    h('main', { id: 'main', class: 'login-main', tabindex: '-1' }));
  renderLogin(root().querySelector('main'), {
    message,
    onSignedIn: async (me) => {
      state.me = me;
      if (me.language && me.language !== language()) await setLanguage(me.language);
      const back = afterLogin;
      afterLogin = null;
      if (back && back !== window.location.hash) window.location.hash = back;
      else render();
    },
  });
}

function shell() {
  const me = state.me;
  const current = parseHash(window.location.hash).segments[0];
  const nav = h('nav', { class: 'sidenav', 'aria-label': t('nav.label'), 'data-test': 'nav' },
    h('ul', {}, SCREENS.filter((s) => screens().includes(s)).map((s) => h('li', {},
      h('a', {
        href: `#/${s}`, id: `nav-${s}`, 'data-test': `nav-${s}`, class: s === current ? 'active' : null,
        'aria-current': s === current ? 'page' : null,
      }, t(`nav.${s}`))))));
  const logout = h('button', { type: 'button', id: 'logout-button', 'data-test': 'logout', class: 'link-button' }, t('header.logout'));
  logout.addEventListener('click', async () => {
    try {
      await api.logout();
    } catch {
      // signed out either way
    }
    state.me = null;
    window.location.hash = '#/';
    showLogin();
  });
  const header = h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: '#/' }, t('app.title')),
    h('div', { class: 'who', 'data-test': 'current-user' },
      h('span', { class: 'who-name' }, me.name),
      h('span', { class: 'who-roles' }, (me.roles || []).map((r) => tv('role', r)).join(', ')),
      me.party ? h('span', { class: 'who-party' }, me.party) : null),
    languageSwitch(), logout);
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' });
  mount(root(), header, h('div', { class: 'layout' }, nav, main));
  return main;
}

function render() {
  stopScreen();
  if (!state.me) {
    showLogin();
    return;
  }
  const r = parseHash(window.location.hash);
  const allowed = SCREENS.filter((s) => screens().includes(s));
  if (!r.segments[0]) {
    if (allowed.length) {
      window.location.replace(`#/${allowed[0]}`);
      return;
    }
  }
  const main = shell();
  const name = r.segments[0];
  document.title = `${name ? t(`nav.${name}`) : ''} · ${t('app.title')}`;
  if (!name) {
    mount(main, h('p', { class: 'notice' }, t('app.noScreens')));
    return;
  }
  if (!VIEWS[name] || !allowed.includes(name)) {
    mount(main, h('div', { class: 'notice notice-warn', role: 'alert', 'data-test': 'screen-unavailable' },
      t('app.screenUnavailable', { screen: name })));
    return;
  }
  try {
    const result = VIEWS[name](main, { ...r, navigate });
    if (result && typeof result.then === 'function') {
      result.then((c) => {
        cleanup = c;
      }, (e) => mount(main, errorBox(e)));
    } else {
      cleanup = result;
    }
  } catch (e) {
    mount(main, errorBox(e));
  }
}

function route() {
  render();
}

api.onUnauthorized(() => {
  if (!state.me) return;
  state.me = null;
  afterLogin = window.location.hash;
  showLogin(t('login.expired'));
});

async function boot() {
  await setLanguage(storedLanguage());
  document.getElementById('skip-link')?.addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  });
  const skip = document.getElementById('skip-link');
  if (skip) skip.textContent = t('app.skip');
  try {
    state.me = await api.me();
  } catch (e) {
    mount(root(), errorBox(e));
    return;
  }
  if (state.me && state.me.language && state.me.language !== language()) await setLanguage(state.me.language);
  if (!state.me && window.location.hash.length > 2) afterLogin = window.location.hash;
  window.addEventListener('hashchange', route);
  render();
}

boot().catch((e) => mount(root(), errorBox(e)));
