// Look-ups by key: invoices (registration number: states, payments, paid / outstanding), events (id: what is held,
// occurrences, releases, expiry), contracts (number: transfer and cash-out limits used and remaining).
// Shapes not fixed here are rendered generically (key/value tables), never guessed.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, language } from '../i18n.js';
import { money, perMille } from '../format.js';
import { errorBox, loading, kvTable, renderValue, field } from '../components.js';

function isObj(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Highlighted keys first, arrays as their own tables, the rest as one key/value table. */
function sections(data, { highlight = [], testId }) {
  if (!isObj(data)) return renderValue(data);
  const top = highlight.filter((k) => k in data);
  const arrays = Object.keys(data).filter((k) => Array.isArray(data[k]) && !top.includes(k));
  const rest = Object.keys(data).filter((k) => !top.includes(k) && !arrays.includes(k));
  return h('div', { 'data-test': testId },
    top.length ? h('section', { class: 'panel highlight' }, kvTable(data, `${testId}-highlight`, { only: top })) : null,
    arrays.map((k) => h('section', { class: 'panel', 'data-test': `${testId}-${k}` }, h('h2', {}, k), renderValue(data[k], k))),
    rest.length ? h('section', { class: 'panel' }, h('h2', {}, t('lookup.details')), kvTable(data, `${testId}-details`, { only: rest })) : null);
}

function lookupScreen(main, route, { screen, label, placeholder, path, render }) {
  const value = route.params.q || '';
  const input = h('input', { id: `${screen}-key`, 'data-test': `${screen}-key`, value, placeholder: placeholder || '', autocomplete: 'off', required: true });
  const form = h('form', { class: 'filters', role: 'search', 'data-test': `${screen}-form` },
    field(label, input),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': `${screen}-submit`, id: `${screen}-submit` }, t('common.show'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    route.navigate(screen, { q: input.value });
  });
  const out = h('div', { 'data-test': `${screen}-result` });
  mount(main, h('h1', {}, t(`nav.${screen}`)), h('section', { class: 'panel' }, form), out);
  if (!value.trim()) {
    input.focus();
    return undefined;
  }
  mount(out, loading());
  return api.get(path(api.enc(value.trim()))).then((data) => {
    mount(out, render(data));
    return undefined;
  }, (e) => {
    mount(out, errorBox(e, `${screen}-error`));
    return undefined;
  });
}

export function renderInvoices(main, route) {
  return lookupScreen(main, route, {
    screen: 'invoices',
    label: t('lookup.invoiceNumber'),
    path: (n) => `/api/invoices/${n}`,
    render: (data) => sections(data, {
      testId: 'invoice',
      highlight: ['registrationNumber', 'status', 'currentStatus', 'paymentStatus', 'gross', 'paid', 'outstanding', 'settled'],
    }),
  });
}

export function renderEvents(main, route) {
  return lookupScreen(main, route, {
    screen: 'events',
    label: t('lookup.eventId'),
    path: (id) => `/api/programmable/events/${id}`,
    render: (data) => sections(data, {
      testId: 'event',
      highlight: ['id', 'amount', 'heldSoFar', 'heldNow', 'validUntil', 'expired', 'holdType', 'carryOverTo'],
    }),
  });
}

function limitMeter(label, used, limit, remaining, testId) {
  const lang = language();
  const pm = perMille(used, limit);
  return h('div', { class: 'limit', 'data-test': testId },
    h('div', { class: 'limit-head' }, h('strong', {}, label)),
    limit === null || limit === undefined
      ? h('p', { class: 'muted' }, t('contracts.noLimit'))
      : [h('div', { class: 'meter', role: 'img', 'aria-label': t('contracts.usedOf', { used: money(used, lang), limit: money(limit, lang) }) },
        h('div', { class: 'meter-fill', style: `width:${pm === null ? 0 : pm / 10}%` })),
      h('table', { class: 'kv' }, h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, t('contracts.limit')), h('td', { class: 'money' }, money(limit, lang))),
        h('tr', {}, h('th', { scope: 'row' }, t('contracts.used')), h('td', { class: 'money', 'data-test': `${testId}-used` }, money(used, lang))),
        h('tr', {}, h('th', { scope: 'row' }, t('contracts.remaining')), h('td', { class: 'money', 'data-test': `${testId}-remaining` }, money(remaining, lang)))))]);
}

export function renderContracts(main, route) {
  return lookupScreen(main, route, {
    screen: 'contracts',
    label: t('lookup.contractNumber'),
    // by query: a portal contract's number has slashes (000140001536/160089/00)
    path: (n) => `/api/programmable/contract?number=${n}`,
    render: (c) => h('div', {},
      isObj(c) ? h('section', { class: 'panel limits', 'data-test': 'contract-limits' },
        h('h2', {}, t('contracts.limits')),
        h('div', { class: 'limits-grid' },
          limitMeter(t('contracts.transfer'), c.transferred, c.maxTransfer, c.remainingTransfer, 'limit-transfer'),
          limitMeter(t('contracts.cashOut'), c.cashedOut, c.maxCashOut, c.remainingCashOut, 'limit-cashout'))) : null,
      sections(c, { testId: 'contract', highlight: ['number', 'valid', 'validFrom', 'validTo', 'sender', 'recipient', 'parent'] })),
  });
}
