// Payments: orders by status (awaiting confirmation by default), filtered by payer account and reference; a BANK
// user confirms or declines (with a written reason) the ones awaiting it. The hub decides; the buttons only ask.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, tv, language } from '../i18n.js';
import { dateTime } from '../format.js';
import { errorBox, loading, badge, field, moneyCell, confirmDialog, reasonDialog, notice } from '../components.js';
import { hasRole } from '../state.js';
import { money } from '../format.js';

export const PAYMENT_STATUSES = ['AWAITING_CONFIRMATION', 'EXECUTED', 'REFUSED', 'DECLINED', 'RECEIVED'];

export async function renderPayments(main, route) {
  const p = route.params;
  const status = PAYMENT_STATUSES.includes(p.status) ? p.status : 'AWAITING_CONFIRMATION';
  const lang = language();
  const statusSel = h('select', { id: 'payments-status', 'data-test': 'payments-status' },
    PAYMENT_STATUSES.map((s) => h('option', { value: s, selected: s === status }, tv('paymentStatus', s))));
  const payer = h('input', { id: 'payments-payer', 'data-test': 'payments-payer', value: p.payer || '', autocomplete: 'off' });
  const reference = h('input', { id: 'payments-reference', 'data-test': 'payments-reference', value: p.reference || '', autocomplete: 'off' });
  const form = h('form', { class: 'filters', role: 'search', 'data-test': 'payments-filters' },
    field(t('field.status'), statusSel), field(t('payments.payer'), payer), field(t('payments.reference'), reference),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'payments-apply' }, t('common.apply'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    route.navigate('payments', { status: statusSel.value, payer: payer.value, reference: reference.value });
  });
  const flash = h('div', { 'aria-live': 'polite', 'data-test': 'payments-flash' });
  const list = h('div', {}, loading());
  mount(main, h('h1', {}, t('nav.payments')), h('section', { class: 'panel' }, form), flash, h('section', { class: 'panel' }, list));

  const bank = hasRole('BANK');
  const reload = async () => {
    let orders;
    try {
      orders = await api.get('/api/payments', { status, payer: p.payer, reference: p.reference, limit: 100 });
    } catch (e) {
      mount(list, errorBox(e, 'payments-error'));
      return;
    }
    const rows = Array.isArray(orders) ? orders : (orders && orders.items) || [];
    const actions = (o) => {
      if (!bank || o.status !== 'AWAITING_CONFIRMATION') return null;
      const confirm = h('button', { type: 'button', class: 'primary', 'data-test': 'payment-confirm', 'data-id': o.id, id: `payment-confirm-${o.id}` }, t('payments.confirm'));
      confirm.addEventListener('click', async () => {
        const done = await confirmDialog(t('payments.confirmTitle'),
          t('payments.confirmText', { number: o.number ?? o.id, amount: money(o.amount, lang) }), t('payments.confirm'), 'payment-confirm-dialog');
        if (!done) return;
        confirm.disabled = true;
        try {
          const answer = await api.post(`/api/payments/${api.enc(o.id)}/confirm`, {});
          mount(flash, notice(t('payments.confirmed', { number: o.number ?? o.id, status: tv('paymentStatus', answer && answer.status) }), 'ok', 'payment-result'));
        } catch (e) {
          mount(flash, errorBox(e, 'payment-error'));
        }
        await reload();
      });
      const decline = h('button', { type: 'button', class: 'danger', 'data-test': 'payment-decline', 'data-id': o.id, id: `payment-decline-${o.id}` }, t('payments.decline'));
      decline.addEventListener('click', async () => {
        const answer = await reasonDialog({
          title: t('payments.declineTitle'), message: t('payments.declineText', { number: o.number ?? o.id, amount: money(o.amount, lang) }),
          okLabel: t('payments.decline'), testId: 'payment-decline-dialog',
          action: (reason) => api.post(`/api/payments/${api.enc(o.id)}/decline`, { reason }),
        });
        if (!answer) return;
        mount(flash, notice(t('payments.declined', { number: o.number ?? o.id }), 'ok', 'payment-result'));
        await reload();
      });
      return h('td', { class: 'actions' }, confirm, decline);
    };
    mount(list,
      h('p', { class: 'muted', 'data-test': 'payments-count' }, t('payments.count', { n: rows.length })),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'payments-table' },
        h('thead', {}, h('tr', {},
          ['payments.number', 'payments.date', 'field.status', 'payments.reference', 'payments.amount', 'payments.net', 'payments.vat',
            'field.reasonCode', 'payments.transaction', 'payments.quarantine', 'field.updatedAt'].map((k) => h('th', { scope: 'col' }, t(k))),
          bank ? h('th', { scope: 'col' }, t('common.actions')) : null)),
        h('tbody', {}, rows.length === 0
          ? h('tr', {}, h('td', { colspan: 12, class: 'muted', 'data-test': 'payments-empty' }, t('payments.empty')))
          : rows.map((o) => h('tr', { 'data-test': 'payment-row', 'data-id': o.id, 'data-status': o.status },
            h('td', {}, o.number ?? o.id),
            h('td', {}, o.date && /T/.test(o.date) ? dateTime(o.date, lang) : (o.date || '')),
            h('td', {}, badge('paymentStatus', o.status)),
            h('td', {}, o.referenceKind ? h('span', { class: 'muted small' }, tv('referenceKind', o.referenceKind), ' ') : null, o.reference || ''),
            h('td', { class: 'num' }, moneyCell(o.amount)),
            h('td', { class: 'num' }, moneyCell(o.net)),
            h('td', { class: 'num' }, moneyCell(o.vat)),
            h('td', {}, o.reasonCode || '', o.message ? h('div', { class: 'small' }, o.message) : null),
            h('td', {}, o.transactionId ? h('code', { class: 'hash', title: o.transactionId }, o.transactionId.slice(0, 12)) : ''),
            h('td', {}, o.quarantineId != null ? h('a', { href: `#/exceptions/${o.quarantineId}` }, `#${o.quarantineId}`) : ''),
            h('td', {}, o.updatedAt ? dateTime(o.updatedAt, lang) : ''),
            bank ? (actions(o) || h('td', {})) : null))))));
  };
  await reload();
  return undefined;
}
