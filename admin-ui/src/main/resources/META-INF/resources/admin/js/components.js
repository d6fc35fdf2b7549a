// Shared pieces of the screens: error box, generic JSON rendering, dialogs, status badges, paging.
import { h, uid } from './dom.js';
import { t, tv, language } from './i18n.js';
import { money, dateTime, isMoneyString } from './format.js';
import { ApiError } from './api.js';

/** Any error as the hub's reason and message (never a blank page). */
export function errorBox(err, testId = 'error') {
  const reason = err instanceof ApiError ? err.reason : 'ERROR';
  const message = err && err.message ? err.message : String(err);
  const status = err instanceof ApiError && err.status ? ` (HTTP ${err.status})` : '';
  return h('div', { class: 'error', role: 'alert', 'data-test': testId },
    h('strong', { class: 'error-reason', 'data-test': `${testId}-reason` }, reason),
    status,
    h('span', { class: 'error-message', 'data-test': `${testId}-message` }, message ? ` — ${message}` : ''));
}

export function notice(text, kind = 'info', testId = 'notice') {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'warn' ? 'alert' : 'status', 'data-test': testId }, text);
}

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

export function badge(prefix, value) {
  if (value === null || value === undefined) return '';
  return h('span', { class: `badge badge-${String(value).toLowerCase()}`, 'data-value': value }, tv(prefix, value));
}

const MONEY_KEY = /(amount|net|vat|gross|paid|outstanding|held|transfer|cashout|cashedout|total|remaining|max|balance|sum|issued|redeemed|circulating)/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A primitive value for display: money for amount-like keys, local time for instants, yes/no for booleans. */
export function display(value, key) {
  const lang = language();
  if (value === null || value === undefined) return h('span', { class: 'muted' }, '—');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') {
    if (key && MONEY_KEY.test(key) && isMoneyString(value) && value.includes('.')) {
      return h('span', { class: 'money' }, money(value, lang));
    }
    if (INSTANT.test(value)) return h('time', { datetime: value, title: value }, dateTime(value, lang));
    return value;
  }
  return String(value);
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** An array of objects as a table with the union of their keys. */
export function objectsTable(items, testId, labels = {}) {
  const keys = [];
  for (const it of items) {
    for (const k of Object.keys(isPlainObject(it) ? it : { value: it })) if (!keys.includes(k)) keys.push(k);
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data', 'data-test': testId },
      h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col' }, labels[k] || k)))),
      h('tbody', {}, items.map((it) => {
        const row = isPlainObject(it) ? it : { value: it };
        return h('tr', {}, keys.map((k) => h('td', {}, renderValue(row[k], k))));
      }))));
}

/** Any JSON value, generically: objects as key/value tables, arrays of objects as tables. */
export function renderValue(value, key) {
  if (Array.isArray(value)) {
    if (value.length === 0) return h('span', { class: 'muted' }, t('common.none'));
    if (value.every((v) => !isPlainObject(v) && !Array.isArray(v))) {
      return value.map((v, i) => [i ? ', ' : '', display(v, key)]);
    }
    return objectsTable(value);
  }
  if (isPlainObject(value)) return kvTable(value);
  return display(value, key);
}

/** An object as a key/value table (keys as the hub names them). */
export function kvTable(obj, testId, options = {}) {
  const { only, labels } = options;
  const keys = only ? only.filter((k) => k in obj) : Object.keys(obj);
  return h('table', { class: 'kv', 'data-test': testId },
    h('tbody', {}, keys.map((k) => h('tr', { 'data-key': k },
      h('th', { scope: 'row' }, labels && labels[k] ? labels[k] : k),
      h('td', {}, renderValue(obj[k], k))))));
}

/** A modal dialog (native <dialog>): resolves with the value of onOk, or null when cancelled. */
export function openDialog({ title, body, okLabel, okClass = 'primary', testId = 'dialog', validate, onOk }) {
  return new Promise((resolve) => {
    const titleId = uid('dlg-title');
    const err = h('div', { class: 'dialog-error' });
    const ok = h('button', { type: 'submit', class: okClass, 'data-test': `${testId}-ok`, id: `${testId}-ok` }, okLabel || t('common.ok'));
    const cancel = h('button', { type: 'button', 'data-test': `${testId}-cancel`, id: `${testId}-cancel` }, t('common.cancel'));
    const form = h('form', { method: 'dialog', class: 'dialog-form' },
      h('h2', { id: titleId }, title),
      h('div', { class: 'dialog-body' }, body),
      err,
      h('div', { class: 'dialog-actions' }, cancel, ok));
    const dlg = h('dialog', { 'aria-labelledby': titleId, 'data-test': testId, id: testId }, form);
    let done = false;
    const finish = (v) => {
      if (done) return;
      done = true;
      dlg.close();
      dlg.remove();
      resolve(v);
    };
    const refresh = () => {
      ok.disabled = validate ? !validate() : false;
    };
    form.addEventListener('input', refresh);
    cancel.addEventListener('click', () => finish(null));
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(null);
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (validate && !validate()) return;
      ok.disabled = true;
      err.replaceChildren();
      try {
        finish(onOk ? await onOk() : true);
      } catch (ex) {
        err.replaceChildren(errorBox(ex, `${testId}-error`));
        ok.disabled = false;
      }
    });
    document.body.append(dlg);
    refresh();
    dlg.showModal();
    const first = dlg.querySelector('textarea, input, select');
    (first || ok).focus();
  });
}

/** Ask for a yes/no with a message. */
export function confirmDialog(title, message, okLabel, testId = 'confirm') {
  return openDialog({ title, body: h('p', { 'data-test': `${testId}-text` }, message), okLabel, testId });
}

/** Ask for a required written reason; resolves with the result of action(reason), or null when cancelled. */
export function reasonDialog({ title, message, okLabel, testId = 'reason-dialog', action }) {
  const id = uid('reason');
  const area = h('textarea', { id, rows: 4, required: true, 'data-test': `${testId}-reason`, maxlength: 2000 });
  return openDialog({
    title,
    okLabel,
    okClass: 'danger',
    testId,
    body: [message ? h('p', { 'data-test': `${testId}-text` }, message) : null,
      h('label', { for: id }, t('common.reasonRequired')), area],
    validate: () => area.value.trim().length > 0,
    onOk: () => action(area.value.trim()),
  });
}

/** A labelled form field: label for= the control. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid('f');
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control,
    hint ? h('small', { class: 'hint' }, hint) : null);
}

export function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', {}, title), children);
}

export function link(href, text, attrs = {}) {
  return h('a', { href, ...attrs }, text);
}

/** money in the current language */
export function moneyCell(v) {
  return h('span', { class: 'money' }, money(v, language()));
}
