// Exceptions: groups by reason and by source (counts, first/last seen, the reason's explanation), the filtered list
// with cursor paging (50 a page) and selection, and bulk retry / reject of a group or the selection as a job.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, tv, language } from '../i18n.js';
import { dateTime, count, bytes, localInputToIso, isoToLocalInput } from '../format.js';
import { errorBox, loading, badge, field, confirmDialog, reasonDialog } from '../components.js';
import { hasRole } from '../state.js';
import { reasons } from '../reasons.js';
import { startJob, followJob, followedJob } from './jobs.js';

export const STATUSES = ['QUARANTINED', 'RETRIED', 'RESOLVED', 'REJECTED'];
const PAGE_SIZE = 50;
const FILTERS = ['status', 'reason', 'source', 'route', 'from', 'to', 'q'];

const selection = new Set();
let selectionKey = '';

function filtersOf(params) {
  const f = {};
  for (const k of FILTERS) if (params[k]) f[k] = params[k];
  if (!('status' in params)) f.status = 'QUARANTINED';
  return f;
}

function canAct() {
  return hasRole('BACK_OFFICE');
}

function when(v) {
  return v ? h('time', { datetime: v, title: v }, dateTime(v, language())) : '';
}

function groupTable(kind, groups, reasonMap, ctx) {
  const rows = groups || [];
  const heading = kind === 'reason' ? t('exceptions.byReason') : t('exceptions.bySource');
  if (rows.length === 0) {
    return h('div', { class: 'group-block' }, h('h3', {}, heading), h('p', { class: 'muted', 'data-test': `groups-${kind}-empty` }, t('exceptions.noGroups')));
  }
  return h('div', { class: 'group-block' }, h('h3', {}, heading),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data groups', 'data-test': `groups-${kind}` },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, kind === 'reason' ? t('field.reasonCode') : t('field.source')),
        kind === 'reason' ? h('th', { scope: 'col' }, t('exceptions.explanation')) : null,
        h('th', { scope: 'col', class: 'num' }, t('exceptions.count')),
        h('th', { scope: 'col' }, t('exceptions.firstSeen')),
        h('th', { scope: 'col' }, t('exceptions.lastSeen')),
        ctx.actions ? h('th', { scope: 'col' }, t('common.actions')) : null)),
      h('tbody', {}, rows.map((g) => {
        const r = kind === 'reason' ? reasonMap.get(g.key) : null;
        const filterParam = kind === 'reason' ? { reason: g.key } : { source: g.key };
        return h('tr', { 'data-test': `group-row-${kind}`, 'data-key': g.key, 'data-count': g.count },
          h('td', {}, h('a', {
            href: `#/exceptions${api.query({ status: ctx.status, ...filterParam })}`,
            'data-test': 'group-filter',
          }, g.key)),
          kind === 'reason' ? h('td', { class: 'explanation' }, r
            ? [h('div', {}, h('span', { class: 'label' }, t('exceptions.happened')), ' ', r.happened),
              h('div', {}, h('span', { class: 'label' }, t('exceptions.action')), ' ', r.action)]
            : h('span', { class: 'muted' }, t('exceptions.noExplanation'))) : null,
          h('td', { class: 'num' }, count(g.count, language())),
          h('td', {}, when(g.oldest)),
          h('td', {}, when(g.newest)),
          ctx.actions ? h('td', { class: 'actions' },
            h('button', {
              type: 'button', 'data-test': 'group-retry', onclick: () => ctx.bulk('RETRY', kind, g),
            }, t('exceptions.retryGroup')),
            h('button', {
              type: 'button', class: 'danger', 'data-test': 'group-reject', onclick: () => ctx.bulk('REJECT', kind, g),
            }, t('exceptions.rejectGroup'))) : null);
      })))));
}

function filterForm(filters, reasonMap, groups, ctx) {
  const status = h('select', { id: 'filter-status', 'data-test': 'filter-status' },
    h('option', { value: '' }, t('common.all')),
    STATUSES.map((s) => h('option', { value: s, selected: filters.status === s }, tv('status', s))));
  status.value = filters.status || '';
  const codes = new Set([...reasonMap.keys(), ...((groups && groups.byReason) || []).map((g) => g.key)]);
  if (filters.reason) codes.add(filters.reason);
  const reason = h('select', { id: 'filter-reason', 'data-test': 'filter-reason' },
    h('option', { value: '' }, t('common.all')),
    [...codes].sort().map((c) => h('option', { value: c, selected: filters.reason === c }, c)));
  const sourcesList = h('datalist', { id: 'filter-source-list' },
    ((groups && groups.bySource) || []).map((g) => h('option', { value: g.key })));
  const source = h('input', { id: 'filter-source', list: 'filter-source-list', value: filters.source || '', 'data-test': 'filter-source' });
  const routeIn = h('input', { id: 'filter-route', value: filters.route || '', 'data-test': 'filter-route' });
  const from = h('input', { id: 'filter-from', type: 'datetime-local', value: isoToLocalInput(filters.from), 'data-test': 'filter-from' });
  const to = h('input', { id: 'filter-to', type: 'datetime-local', value: isoToLocalInput(filters.to), 'data-test': 'filter-to' });
  const q = h('input', { id: 'filter-q', type: 'search', value: filters.q || '', 'data-test': 'filter-q' });
  const form = h('form', { class: 'filters', 'data-test': 'exceptions-filters', role: 'search' },
    field(t('field.status'), status), field(t('field.reasonCode'), reason), field(t('field.source'), source), sourcesList,
    field(t('field.route'), routeIn), field(t('common.from'), from), field(t('common.to'), to),
    field(t('exceptions.search'), q),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'primary', 'data-test': 'filter-apply' }, t('common.apply')),
      h('button', { type: 'button', 'data-test': 'filter-reset', onclick: () => ctx.navigate('exceptions', {}) }, t('common.reset'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate('exceptions', {
      status: status.value || '', reason: reason.value, source: source.value, route: routeIn.value,
      from: localInputToIso(from.value), to: localInputToIso(to.value), q: q.value,
    });
  });
  return form;
}

function listTable(page, ctx) {
  const items = page.items || [];
  const all = h('input', { type: 'checkbox', id: 'select-all', 'data-test': 'select-all', 'aria-label': t('exceptions.selectPage') });
  all.checked = items.length > 0 && items.every((m) => selection.has(m.id));
  all.addEventListener('change', () => {
    for (const m of items) {
      if (all.checked) selection.add(m.id); else selection.delete(m.id);
    }
    ctx.refreshSelection();
  });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data messages', 'data-test': 'messages-table' },
    h('thead', {}, h('tr', {},
      ctx.actions ? h('th', { scope: 'col', class: 'check' }, all) : null,
      h('th', { scope: 'col' }, t('field.id')),
      h('th', { scope: 'col' }, t('field.receivedAt')),
      h('th', { scope: 'col' }, t('field.source')),
      h('th', { scope: 'col' }, t('field.route')),
      h('th', { scope: 'col' }, t('field.reasonCode')),
      h('th', { scope: 'col' }, t('field.message')),
      h('th', { scope: 'col' }, t('field.status')),
      h('th', { scope: 'col', class: 'num' }, t('field.attempts')),
      h('th', { scope: 'col', class: 'num' }, t('field.size')))),
    h('tbody', {}, items.length === 0
      ? h('tr', {}, h('td', { colspan: 10, class: 'muted', 'data-test': 'messages-empty' }, t('exceptions.empty')))
      : items.map((m) => {
        const box = h('input', { type: 'checkbox', id: `select-${m.id}`, 'data-test': 'message-select', 'data-id': m.id, 'aria-label': t('exceptions.selectOne', { id: m.id }) });
        box.checked = selection.has(m.id);
        box.addEventListener('change', () => {
          if (box.checked) selection.add(m.id); else selection.delete(m.id);
          ctx.refreshSelection();
        });
        return h('tr', { 'data-test': 'message-row', 'data-id': m.id, 'data-status': m.status },
          ctx.actions ? h('td', { class: 'check' }, box) : null,
          h('td', {}, h('a', { href: `#/exceptions/${m.id}`, 'data-test': 'message-link' }, `#${m.id}`)),
          h('td', {}, when(m.receivedAt)),
          h('td', {}, m.sourceSystem, m.sourceMessageId ? h('div', { class: 'muted small' }, m.sourceMessageId) : null),
          h('td', {}, m.routeId || ''),
          h('td', {}, m.reasonCode),
          h('td', { class: 'reason-message' }, m.reasonMessage || ''),
          h('td', {}, badge('status', m.status)),
          h('td', { class: 'num' }, typeof m.attempts === 'number' ? m.attempts : (m.attempts || []).length),
          h('td', { class: 'num' }, bytes(m.size)));
      }))));
}

function pager(page, filters, ctx) {
  const cursor = 'next' in page || 'previous' in page;
  const prevParams = cursor ? (page.previous != null ? { ...filters, before: page.previous } : null)
    : (page.page > 0 ? { ...filters, page: page.page - 1 } : null);
  const nextParams = cursor ? (page.next != null ? { ...filters, after: page.next } : null)
    : ((page.page + 1) * page.size < page.total ? { ...filters, page: page.page + 1 } : null);
  return h('div', { class: 'pager', 'data-test': 'pager' },
    h('button', { type: 'button', 'data-test': 'page-previous', id: 'page-previous', disabled: !prevParams, onclick: () => ctx.navigate('exceptions', prevParams) }, `‹ ${t('common.previous')}`),
    h('span', { 'data-test': 'page-total' }, t('exceptions.total', { n: count(page.total ?? (page.items || []).length, language()) })),
    h('button', { type: 'button', 'data-test': 'page-next', id: 'page-next', disabled: !nextParams, onclick: () => ctx.navigate('exceptions', nextParams) }, `${t('common.next')} ›`));
}

export async function renderExceptions(main, route) {
  const params = route.params;
  const filters = filtersOf(params);
  const key = JSON.stringify(filters);
  if (key !== selectionKey) {
    selection.clear();
    selectionKey = key;
  }
  const groupStatus = filters.status || 'QUARANTINED';
  const actions = canAct() && groupStatus === 'QUARANTINED';
  const jobBox = h('div', { id: 'job-box', 'data-test': 'job-box' });
  const groupsBox = h('div', { class: 'groups-grid' }, loading());
  const filtersBox = h('div', {});
  const listBox = h('div', {}, loading());
  const bulkBar = h('div', { class: 'bulkbar', 'data-test': 'bulk-bar' });
  mount(main,
    h('h1', {}, t('nav.exceptions')),
    jobBox,
    h('section', { class: 'panel' }, h('h2', {}, t('exceptions.groups', { status: tv('status', groupStatus) })), groupsBox),
    h('section', { class: 'panel' }, h('h2', {}, t('exceptions.list')), filtersBox, actions ? bulkBar : null, listBox));

  let stopJob = () => {};
  let reload = () => {};
  const follow = () => {
    stopJob();
    stopJob = followJob(jobBox, () => reload());
  };

  const ctx = {
    status: groupStatus,
    actions,
    navigate: route.navigate,
    refreshSelection: () => renderBulkBar(),
    bulk: async (action, kind, group) => {
      const label = kind === 'reason' ? t('exceptions.groupReason', { key: group.key }) : t('exceptions.groupSource', { key: group.key });
      const body = kind === 'reason' ? { reasonCode: group.key } : { source: group.key };
      await runBulk(action, body, group.count, label);
    },
  };

  async function runBulk(action, selectionBody, n, label) {
    const text = action === 'RETRY' ? t('exceptions.confirmRetry', { n, what: label }) : t('exceptions.confirmReject', { n, what: label });
    let job;
    if (action === 'RETRY') {
      const ok = await confirmDialog(t('exceptions.bulkRetryTitle'), text, t('exceptions.retryN', { n }), 'bulk-confirm');
      if (!ok) return;
      try {
        job = await startJob({ action, ...selectionBody }, label);
      } catch (e) {
        mount(jobBox, errorBox(e, 'job-error'));
        return;
      }
    } else {
      job = await reasonDialog({
        title: t('exceptions.bulkRejectTitle'), message: text, okLabel: t('exceptions.rejectN', { n }), testId: 'bulk-confirm',
        action: (reason) => startJob({ action, ...selectionBody, reason }, label),
      });
      if (!job) return;
    }
    if (selectionBody.ids) selection.clear();
    renderBulkBar();
    follow();
    jobBox.scrollIntoView({ block: 'nearest' });
  }

  function renderBulkBar() {
    const n = selection.size;
    mount(bulkBar,
      h('span', { 'data-test': 'selection-count' }, t('exceptions.selected', { n })),
      h('button', { type: 'button', 'data-test': 'bulk-retry', id: 'bulk-retry', disabled: n === 0, onclick: () => runBulk('RETRY', { ids: [...selection] }, n, t('exceptions.theSelection')) }, t('exceptions.retrySelected')),
      h('button', { type: 'button', class: 'danger', 'data-test': 'bulk-reject', id: 'bulk-reject', disabled: n === 0, onclick: () => runBulk('REJECT', { ids: [...selection] }, n, t('exceptions.theSelection')) }, t('exceptions.rejectSelected')),
      h('button', { type: 'button', 'data-test': 'selection-clear', disabled: n === 0, onclick: () => { selection.clear(); reload(); } }, t('exceptions.clearSelection')));
  }

  let reasonMap = new Map();
  let groups = null;
  reload = async () => {
    const [rm, gr, page] = await Promise.allSettled([
      reasons(),
      api.get('/api/quarantine/groups', { status: groupStatus }),
      api.get('/api/quarantine/messages', {
        ...filters, after: params.after, before: params.before, page: params.page, size: PAGE_SIZE,
      }),
    ]);
    reasonMap = rm.status === 'fulfilled' ? rm.value : new Map();
    groups = gr.status === 'fulfilled' ? gr.value : null;
    if (gr.status === 'fulfilled') {
      mount(groupsBox, groupTable('reason', groups.byReason, reasonMap, ctx), groupTable('source', groups.bySource, reasonMap, ctx));
    } else {
      mount(groupsBox, errorBox(gr.reason, 'groups-error'));
    }
    mount(filtersBox, filterForm(filters, reasonMap, groups, route));
    if (page.status === 'fulfilled') {
      mount(listBox, listTable(page.value, ctx), pager(page.value, filters, route));
    } else {
      mount(listBox, errorBox(page.reason, 'list-error'));
    }
    renderBulkBar();
  };
  if (followedJob()) follow();
  await reload();
  return () => stopJob();
}
