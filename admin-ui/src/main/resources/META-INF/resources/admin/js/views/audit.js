// Audit log of the quarantine: filter by actor, target, from/to; a table, paged; "Export CSV" is a plain link to the
// CSV endpoint with the same filters.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, language } from '../i18n.js';
import { dateTime, count, localInputToIso, isoToLocalInput } from '../format.js';
import { errorBox, loading, field } from '../components.js';

const SIZE = 100;

export async function renderAudit(main, route) {
  const p = route.params;
  const lang = language();
  const filters = { actor: p.actor || '', target: p.target || '', from: p.from || '', to: p.to || '' };
  const page = Math.max(0, Number.parseInt(p.page || '0', 10) || 0);
  const actor = h('input', { id: 'audit-actor', 'data-test': 'audit-actor', value: filters.actor });
  const target = h('input', { id: 'audit-target', 'data-test': 'audit-target', value: filters.target });
  const from = h('input', { id: 'audit-from', type: 'datetime-local', 'data-test': 'audit-from', value: isoToLocalInput(filters.from) });
  const to = h('input', { id: 'audit-to', type: 'datetime-local', 'data-test': 'audit-to', value: isoToLocalInput(filters.to) });
  const csv = h('a', {
    class: 'button', href: `/api/quarantine/audit.csv${api.query(filters)}`, download: 'audit.csv', 'data-test': 'audit-csv', id: 'audit-csv',
  }, t('audit.exportCsv'));
  const form = h('form', { class: 'filters', role: 'search', 'data-test': 'audit-filters' },
    field(t('audit.actor'), actor), field(t('audit.target'), target, t('audit.targetHint')),
    field(t('common.from'), from), field(t('common.to'), to),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'primary', 'data-test': 'audit-apply' }, t('common.apply')), csv));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    route.navigate('audit', { actor: actor.value, target: target.value, from: localInputToIso(from.value), to: localInputToIso(to.value) });
  });
  const out = h('div', {}, loading());
  mount(main, h('h1', {}, t('nav.audit')), h('section', { class: 'panel' }, form), h('section', { class: 'panel' }, out));
  let data;
  try {
    data = await api.get('/api/quarantine/audit', { ...filters, page, size: SIZE });
  } catch (e) {
    mount(out, errorBox(e, 'audit-error'));
    return undefined;
  }
  const items = (data && data.items) || [];
  const total = data && typeof data.total === 'number' ? data.total : items.length;
  const last = Math.max(0, Math.ceil(total / SIZE) - 1);
  mount(out,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-test': 'audit-table' },
      h('thead', {}, h('tr', {}, ['audit.at', 'audit.actor', 'audit.action', 'audit.targetType', 'audit.target', 'audit.detail']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, items.length === 0
        ? h('tr', {}, h('td', { colspan: 6, class: 'muted', 'data-test': 'audit-empty' }, t('audit.empty')))
        : items.map((a) => {
          const tgt = a.target ?? a.targetId ?? '';
          const isEntry = (a.targetType === 'quarantine' || !a.targetType) && /^\d+$/.test(String(tgt));
          return h('tr', { 'data-test': 'audit-row', 'data-id': a.id },
            h('td', {}, h('time', { datetime: a.at, title: a.at }, dateTime(a.at, lang))),
            h('td', {}, a.actor),
            h('td', {}, a.action),
            h('td', {}, a.targetType || ''),
            h('td', {}, isEntry ? h('a', { href: `#/exceptions/${tgt}` }, `#${tgt}`) : String(tgt)),
            h('td', { class: 'detail' }, a.detail || ''));
        })))),
    h('div', { class: 'pager', 'data-test': 'audit-pager' },
      h('button', { type: 'button', 'data-test': 'audit-previous', disabled: page <= 0, onclick: () => route.navigate('audit', { ...filters, page: page - 1 }) }, `‹ ${t('common.previous')}`),
      h('span', {}, t('audit.page', { page: page + 1, pages: last + 1, total: count(total, lang) })),
      h('button', { type: 'button', 'data-test': 'audit-next', disabled: page >= last, onclick: () => route.navigate('audit', { ...filters, page: page + 1 }) }, `${t('common.next')} ›`)));
  return undefined;
}
