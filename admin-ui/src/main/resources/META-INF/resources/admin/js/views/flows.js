// Flows dashboard: per source received / facts / quarantined per minute over the last hour (or per 15 minutes over
// the day), quarantine size over time, Kafka lag, payments awaiting the bank, evidence chain (with "verify now"),
// Hazelcast members and database health. Refreshes every 30 seconds while on screen.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, language } from '../i18n.js';
import { count, dateTime } from '../format.js';
import { errorBox, loading, renderValue, badge } from '../components.js';
import { hasRole, screens } from '../state.js';
import { timeChart } from '../chart.js';

const COLORS = { received: '#1f5fbf', facts: '#1a7f37', quarantined: '#c62828', size: '#8a4b00' };

function tile(title, testId, ...content) {
  return h('section', { class: 'panel tile', 'data-test': testId }, h('h2', {}, title), content);
}

function statusBadge(v) {
  return v ? badge('health', v) : h('span', { class: 'muted' }, '—');
}

export async function renderFlows(main, route) {
  const win = route.params.window === 'day' ? 'day' : 'hour';
  const lang = language();
  const body = h('div', {}, loading());
  const switcher = h('div', { class: 'segmented', role: 'group', 'aria-label': t('flows.windowLabel'), 'data-test': 'flows-window' },
    ['hour', 'day'].map((w) => h('button', {
      type: 'button', 'aria-pressed': String(w === win), 'data-test': `flows-window-${w}`, id: `flows-window-${w}`,
      onclick: () => route.navigate('flows', { window: w }),
    }, t(`flows.window.${w}`))));
  const refreshed = h('span', { class: 'muted small', 'data-test': 'flows-refreshed' });
  const refreshBtn = h('button', { type: 'button', 'data-test': 'flows-refresh', onclick: () => load() }, t('common.refresh'));
  mount(main, h('div', { class: 'title-row' }, h('h1', {}, t('nav.flows')), switcher, refreshBtn, refreshed), body);

  const verifyBox = h('div', { 'aria-live': 'polite', 'data-test': 'evidence-verify-result' });
  async function verify(btn) {
    btn.disabled = true;
    mount(verifyBox, loading());
    try {
      const r = await api.get('/api/oracle/evidence/verify');
      const valid = r && ('valid' in r ? r.valid : r.intact);
      mount(verifyBox, h('div', { class: `notice ${valid ? 'notice-ok' : 'notice-warn'}`, role: 'status', 'data-valid': String(valid) },
        h('strong', {}, valid ? t('flows.evidenceValid') : t('flows.evidenceInvalid'))), renderValue(r));
    } catch (e) {
      mount(verifyBox, errorBox(e, 'evidence-error'));
    }
    btn.disabled = false;
  }

  let timer = null;
  let stopped = false;
  async function load() {
    clearTimeout(timer);
    let data;
    try {
      data = await api.get('/api/flows', { window: win });
    } catch (e) {
      if (!stopped) mount(body, errorBox(e, 'flows-error'));
      return;
    }
    if (stopped) return;
    const buckets = data.buckets || [];
    const per = data.bucketSeconds ? t('flows.perSeconds', { n: Math.round(data.bucketSeconds / 60) }) : '';
    const charts = (data.sources || []).map((src) => h('div', { class: 'chart-card', 'data-test': 'flow-source', 'data-source': src.source },
      timeChart({
        kind: 'bar', buckets, lang, testId: `flow-chart-${src.source}`,
        title: `${src.source} · ${per}`,
        series: [
          { label: t('flows.received'), values: src.received, color: COLORS.received },
          { label: t('flows.facts'), values: src.facts, color: COLORS.facts },
          { label: t('flows.quarantined'), values: src.quarantined, color: COLORS.quarantined },
        ],
        tableLabel: t('flows.asTable'),
      })));
    const size = timeChart({
      kind: 'line', buckets, lang, testId: 'quarantine-size-chart', title: `${t('flows.quarantineSize')} · ${per}`, totals: false,
      series: [{ label: t('flows.quarantineSize'), values: data.quarantineSize || [], color: COLORS.size }],
      tableLabel: t('flows.asTable'),
    });
    const payments = data.payments && (data.payments.received || data.payments.executed) ? timeChart({
      kind: 'bar', buckets, lang, testId: 'payments-chart', title: `${t('flows.payments')} · ${per}`,
      series: [
        { label: t('flows.paymentsReceived'), values: data.payments.received || [], color: COLORS.received },
        { label: t('flows.paymentsExecuted'), values: data.payments.executed || [], color: COLORS.facts },
      ],
      tableLabel: t('flows.asTable'),
    }) : null;
    const lagProblem = data.kafkaProblem ? h('p', { class: 'notice notice-warn', 'data-test': 'kafka-problem' }, t('flows.kafkaProblem', { problem: data.kafkaProblem })) : null;
    const lag = data.kafkaLag && Object.keys(data.kafkaLag).length
      ? h('table', { class: 'kv', 'data-test': 'kafka-lag' }, h('tbody', {}, Object.entries(data.kafkaLag).map(([topic, n]) => h('tr', {},
        h('th', { scope: 'row' }, topic), h('td', { class: 'num' }, count(n, lang))))))
      : h('p', { class: 'muted', 'data-test': 'kafka-lag' }, t('flows.noLag'));
    const awaiting = tile(t('flows.awaiting'), 'awaiting-confirmation',
      h('p', { class: 'big-number', 'data-test': 'awaiting-count' }, count(data.awaitingConfirmation ?? 0, lang)),
      screens().includes('payments') ? h('a', { href: '#/payments?status=AWAITING_CONFIRMATION', 'data-test': 'awaiting-link' }, t('flows.openPayments')) : null);
    const ev = data.evidence || {};
    const verifyBtn = h('button', { type: 'button', id: 'evidence-verify', 'data-test': 'evidence-verify' }, t('flows.verifyNow'));
    verifyBtn.addEventListener('click', () => verify(verifyBtn));
    const evidence = tile(t('flows.evidence'), 'evidence',
      h('table', { class: 'kv' }, h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, t('flows.entries')), h('td', {}, count(ev.entries ?? 0, lang))),
        h('tr', {}, h('th', { scope: 'row' }, t('flows.headHash')), h('td', {}, h('code', { class: 'hash' }, ev.headHash || '—'))),
        h('tr', {}, h('th', { scope: 'row' }, t('flows.lastCheckpoint')), h('td', {}, ev.lastCheckpoint && typeof ev.lastCheckpoint === 'object' ? renderValue(ev.lastCheckpoint) : (ev.lastCheckpoint ? dateTime(ev.lastCheckpoint, lang) : '—'))))),
      hasRole('AUDITOR', 'BACK_OFFICE', 'ADMIN') ? verifyBtn : null, verifyBox);
    const cluster = data.cluster || {};
    const health = tile(t('flows.health'), 'health',
      h('table', { class: 'kv' }, h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, t('flows.hazelcast')), h('td', { 'data-test': 'cluster-status' }, statusBadge(cluster.status), ' ',
          t('flows.members', { n: cluster.members ?? '—' }))),
        h('tr', {}, h('th', { scope: 'row' }, t('flows.database')), h('td', { 'data-test': 'database-status' }, statusBadge((data.database || {}).status))))));
    mount(body,
      h('div', { class: 'tiles' }, awaiting, evidence, health, tile(t('flows.kafkaLag'), 'kafka', lag, lagProblem)),
      h('section', { class: 'panel' }, h('h2', {}, t('flows.bySource')),
        charts.length ? h('div', { class: 'charts' }, charts) : h('p', { class: 'muted' }, t('flows.noSources'))),
      h('div', { class: 'charts' },
        h('section', { class: 'panel' }, h('h2', {}, t('flows.quarantineSize')),
          typeof data.quarantined === 'number' ? h('p', { 'data-test': 'quarantined-now' }, t('flows.quarantinedNow', { n: count(data.quarantined, lang) })) : null, size),
        payments ? h('section', { class: 'panel' }, h('h2', {}, t('flows.payments')), payments) : null));
    refreshed.textContent = t('flows.updated', { at: dateTime(new Date().toISOString(), lang) });
    timer = setTimeout(load, 30000);
  }
  await load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
