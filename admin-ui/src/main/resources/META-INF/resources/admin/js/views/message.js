// One quarantined message: the original bytes as text in their own charset, pretty JSON / XML, hex for binary,
// headers, attempts and the entry's audit trail, links to the copy / original; retry, edit-and-retry (with a line
// diff against the original before sending) and reject with a written reason.
import { h, mount, uid } from '../dom.js';
import * as api from '../api.js';
import { t, tv, language } from '../i18n.js';
import { dateTime, bytes } from '../format.js';
import { errorBox, loading, badge, objectsTable, reasonDialog, field, notice } from '../components.js';
import { hasRole } from '../state.js';
import { reasons } from '../reasons.js';
import { base64ToBytes, messageText, prettyJson, prettyXml, looksLikeJson, looksLikeXml, hexDump, knownCharset } from '../decode.js';
import { lineDiff, diffStats } from '../diff.js';

const CHARSETS = ['UTF-8', 'windows-1251', 'ibm866', 'koi8-r', 'utf-16le', 'iso-8859-1'];

function when(v) {
  return v ? h('time', { datetime: v, title: v }, dateTime(v, language())) : h('span', { class: 'muted' }, '—');
}

function outcomeBox(outcome, extra) {
  if (!outcome) return null;
  const ok = outcome.result === 'REPLAYED' || outcome.result === 'RESOLVED';
  return h('div', { class: `notice ${ok ? 'notice-ok' : 'notice-warn'}`, role: 'status', 'data-test': 'retry-outcome', 'data-result': outcome.result },
    h('strong', {}, t('message.outcome'), ': ', tv('result', outcome.result)),
    outcome.producedRef ? [' · ', t('field.producedRef'), ': ', h('code', {}, outcome.producedRef)] : null,
    outcome.reasonCode ? [' · ', h('code', {}, outcome.reasonCode)] : null,
    outcome.message ? h('div', {}, outcome.message) : null,
    extra || null);
}

function bodyViewer(view) {
  const raw = base64ToBytes(view.bodyBase64);
  const hubCharset = view.charset || null;
  let override = '';
  let mode = null;
  const pre = h('pre', { class: 'body-text', id: 'message-text', 'data-test': 'message-text', tabindex: '0' });
  const info = h('p', { class: 'muted small', 'data-test': 'message-charset' });
  const modeButtons = {};
  const charsetSel = h('select', { id: 'message-charset-select', 'data-test': 'message-charset-select' },
    h('option', { value: '' }, hubCharset ? t('message.charsetHub', { charset: hubCharset }) : t('message.charsetNone')),
    CHARSETS.filter((c) => knownCharset(c)).map((c) => h('option', { value: c }, c)));

  const decoded = () => messageText(view, override || null);
  const show = (m) => {
    mode = m;
    for (const [k, b] of Object.entries(modeButtons)) b.setAttribute('aria-pressed', String(k === m));
    const d = decoded();
    pre.dataset.mode = m;
    if (m === 'hex' || !d) {
      pre.textContent = hexDump(raw);
      info.textContent = d ? t('message.hexInfo', { n: raw.length }) : t('message.binary', { n: raw.length });
      return;
    }
    let text = d.text;
    if (m === 'pretty') {
      const p = looksLikeJson(view.contentType, text) ? prettyJson(text) : looksLikeXml(view.contentType, text) ? prettyXml(text) : null;
      text = p ?? text;
      info.textContent = p ? t('message.prettyInfo') : t('message.prettyNone');
    } else {
      info.textContent = t('message.decodedAs', { charset: d.charset }) + (d.lossy ? ` — ${t('message.lossy')}` : '');
    }
    pre.textContent = text;
  };
  const initial = messageText(view);
  for (const m of ['text', 'pretty', 'hex']) {
    modeButtons[m] = h('button', { type: 'button', 'aria-pressed': 'false', 'data-test': `view-${m}`, id: `view-${m}`, disabled: m !== 'hex' && !initial && !override, onclick: () => show(m) }, t(`message.view.${m}`));
  }
  charsetSel.addEventListener('change', () => {
    override = charsetSel.value;
    for (const m of ['text', 'pretty']) modeButtons[m].disabled = !decoded();
    show(mode === 'hex' ? 'text' : mode);
  });
  show(initial ? 'text' : 'hex');
  return {
    element: h('div', { class: 'body-viewer' },
      h('div', { class: 'toolbar', role: 'group', 'aria-label': t('message.body') }, Object.values(modeButtons),
        h('label', { for: 'message-charset-select' }, t('message.charset')), charsetSel),
      info, pre),
    text: () => {
      const d = decoded();
      return d ? d.text : null;
    },
  };
}

function diffTable(diff) {
  const st = diffStats(diff);
  return h('div', { class: 'diff', id: 'diff-view', 'data-test': 'diff-view', 'data-added': st.added, 'data-removed': st.removed },
    h('p', { 'data-test': 'diff-stats' }, t('edit.stats', { added: st.added, removed: st.removed })),
    h('div', { class: 'table-wrap diff-wrap' }, h('table', { class: 'diff-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('edit.old')), h('th', { scope: 'col' }, t('edit.new')), h('th', { scope: 'col' }, t('edit.line')))),
      h('tbody', {}, diff.map((d) => h('tr', { class: `diff-${d.op}`, 'data-op': d.op },
        h('td', { class: 'ln' }, d.a ?? ''), h('td', { class: 'ln' }, d.b ?? ''),
        h('td', { class: 'code' }, h('span', { class: 'sign', 'aria-hidden': 'true' }, d.op === 'add' ? '+' : d.op === 'del' ? '−' : ' '),
          h('span', { class: 'sr-only' }, d.op === 'add' ? t('edit.added') : d.op === 'del' ? t('edit.removed') : ''), d.text)))))));
}

function editPanel(view, original, onSent, onCancel) {
  const areaId = uid('edit');
  const area = h('textarea', { id: 'edit-text', 'data-test': 'edit-text', rows: 18, spellcheck: 'false', class: 'code' });
  area.value = original;
  const ct = h('input', { id: 'edit-content-type', 'data-test': 'edit-content-type', value: view.contentType || '' });
  const diffBox = h('div', { 'data-test': 'diff-box' });
  const status = h('div', { 'aria-live': 'polite' });
  let reviewed = null;
  const send = h('button', { type: 'button', class: 'primary', id: 'edit-send', 'data-test': 'edit-send', disabled: true }, t('edit.send'));
  const review = h('button', { type: 'button', id: 'edit-review', 'data-test': 'edit-review' }, t('edit.review'));
  const cancel = h('button', { type: 'button', id: 'edit-cancel', 'data-test': 'edit-cancel', onclick: onCancel }, t('common.cancel'));
  area.addEventListener('input', () => {
    if (reviewed !== null && area.value !== reviewed) {
      reviewed = null;
      send.disabled = true;
      mount(diffBox, notice(t('edit.changedSinceReview'), 'info', 'diff-stale'));
    }
  });
  review.addEventListener('click', () => {
    const diff = lineDiff(original, area.value);
    const st = diffStats(diff);
    reviewed = area.value;
    mount(diffBox, diffTable(diff));
    const changed = st.added + st.removed > 0 || (ct.value.trim() && ct.value.trim() !== (view.contentType || ''));
    send.disabled = !changed;
    if (!changed) diffBox.append(notice(t('edit.noChange'), 'info', 'diff-nochange'));
    diffBox.scrollIntoView({ block: 'nearest' });
  });
  send.addEventListener('click', async () => {
    if (reviewed === null) return;
    send.disabled = true;
    mount(status, h('p', { class: 'loading' }, t('common.sending')));
    const body = { text: reviewed };
    const ctv = ct.value.trim();
    if (ctv && ctv !== (view.contentType || '')) body.contentType = ctv;
    try {
      const answer = await api.post(`/api/quarantine/messages/${view.id}/edit-and-retry`, body);
      onSent(answer);
    } catch (e) {
      mount(status, errorBox(e, 'edit-error'));
      send.disabled = false;
    }
  });
  return h('section', { class: 'panel edit', 'data-test': 'edit-panel', id: areaId },
    h('h2', {}, t('edit.title')),
    h('p', { class: 'muted' }, t('edit.intro')),
    field(t('edit.text'), area),
    field(t('field.contentType'), ct),
    h('div', { class: 'actions' }, review, send, cancel),
    status, diffBox);
}

export async function renderMessage(main, route) {
  const id = route.segments[1];
  mount(main, loading());
  let view;
  let reasonMap = new Map();
  try {
    [view, reasonMap] = await Promise.all([
      api.get(`/api/quarantine/messages/${api.enc(id)}`),
      reasons().catch(() => new Map()),
    ]);
  } catch (e) {
    mount(main, h('p', {}, h('a', { href: '#/exceptions' }, `‹ ${t('message.back')}`)), errorBox(e, 'message-error'));
    return undefined;
  }
  const actionBox = h('div', { 'aria-live': 'polite', 'data-test': 'action-result' });
  const editBox = h('div', {});
  const auditBox = h('div', {}, loading());
  const viewer = bodyViewer(view);
  const reason = reasonMap.get(view.reasonCode);
  const canAct = hasRole('BACK_OFFICE') && view.status === 'QUARANTINED';
  const reload = () => renderMessage(main, route);

  const retry = h('button', { type: 'button', class: 'primary', id: 'message-retry', 'data-test': 'message-retry' }, t('message.retry'));
  retry.addEventListener('click', async () => {
    retry.disabled = true;
    try {
      const answer = await api.post(`/api/quarantine/messages/${view.id}/retry`, {});
      await reload();
      main.querySelector('[data-test="action-result"]')?.replaceChildren(outcomeBox(answer.outcome));
    } catch (e) {
      mount(actionBox, errorBox(e, 'action-error'));
      retry.disabled = false;
    }
  });
  const edit = h('button', { type: 'button', id: 'message-edit', 'data-test': 'message-edit', disabled: viewer.text() === null, title: viewer.text() === null ? t('edit.binary') : null }, t('message.edit'));
  edit.addEventListener('click', () => {
    const original = viewer.text();
    if (original === null) return;
    edit.disabled = true;
    mount(editBox, editPanel(view, original, async (answer) => {
      await reload();
      const copyId = answer && answer.copy ? answer.copy.id : null;
      main.querySelector('[data-test="action-result"]')?.replaceChildren(outcomeBox(answer.outcome,
        copyId ? h('div', {}, h('a', { href: `#/exceptions/${copyId}`, 'data-test': 'copy-link' }, t('message.openCopy', { id: copyId }))) : null));
    }, () => {
      mount(editBox);
      edit.disabled = false;
      edit.focus();
    }));
    document.getElementById('edit-text')?.focus();
  });
  const reject = h('button', { type: 'button', class: 'danger', id: 'message-reject', 'data-test': 'message-reject' }, t('message.reject'));
  reject.addEventListener('click', async () => {
    const done = await reasonDialog({
      title: t('message.rejectTitle', { id: view.id }), message: t('message.rejectText'), okLabel: t('message.reject'),
      testId: 'reject-dialog',
      action: (text) => api.post(`/api/quarantine/messages/${view.id}/reject`, { reason: text }),
    });
    if (done) await reload();
  });

  const summary = h('table', { class: 'kv', 'data-test': 'message-summary' }, h('tbody', {},
    [
      ['field.status', badge('status', view.status)],
      ['field.receivedAt', when(view.receivedAt)],
      ['field.source', view.sourceSystem],
      ['field.sourceMessageId', view.sourceMessageId || '—'],
      ['field.route', view.routeId || '—'],
      ['field.reasonCode', h('code', {}, view.reasonCode)],
      ['field.reasonMessage', view.reasonMessage || '—'],
      reason ? ['exceptions.happened', reason.happened] : null,
      reason ? ['exceptions.action', reason.action] : null,
      ['field.contentType', view.contentType || '—'],
      ['message.charset', view.charset || '—'],
      ['field.size', bytes(view.size)],
      ['field.attempts', typeof view.attempts === 'number' ? String(view.attempts) : String((view.attempts || []).length)],
      ['field.producedRef', view.producedRef || '—'],
      ['field.resolutionNote', view.resolutionNote || '—'],
      ['field.updatedAt', when(view.updatedAt)],
      view.retryOf != null ? ['message.retryOf', h('a', { href: `#/exceptions/${view.retryOf}`, 'data-test': 'link-retry-of' }, t('message.originalLink', { id: view.retryOf }))] : null,
      view.retriedAs != null ? ['message.retriedAs', h('a', { href: `#/exceptions/${view.retriedAs}`, 'data-test': 'link-retried-as' }, t('message.copyLink', { id: view.retriedAs }))] : null,
    ].filter(Boolean).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, t(k)), h('td', {}, v)))));

  const headers = view.headers && Object.keys(view.headers).length
    ? h('table', { class: 'kv headers', 'data-test': 'message-headers' }, h('tbody', {},
      Object.entries(view.headers).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, h('code', {}, String(v)))))))
    : h('p', { class: 'muted' }, t('message.noHeaders'));

  const attempts = Array.isArray(view.attempts)
    ? (view.attempts.length ? objectsTable(view.attempts, 'message-attempts') : h('p', { class: 'muted' }, t('common.none')))
    : h('p', { 'data-test': 'message-attempts' }, t('message.attemptCount', { n: view.attempts ?? 0 }));

  mount(main,
    h('p', {}, h('a', { href: '#/exceptions', 'data-test': 'back-to-list' }, `‹ ${t('message.back')}`)),
    h('h1', {}, t('message.title', { id: view.id }), ' ', badge('status', view.status)),
    canAct ? h('div', { class: 'actions', 'data-test': 'message-actions' }, retry, edit, reject) : null,
    actionBox,
    editBox,
    h('div', { class: 'two-col' },
      h('section', { class: 'panel' }, h('h2', {}, t('message.summary')), summary),
      h('section', { class: 'panel' }, h('h2', {}, t('message.headers')), headers,
        h('h2', {}, t('message.attempts')), attempts)),
    h('section', { class: 'panel' }, h('h2', {}, t('message.body')), viewer.element),
    h('section', { class: 'panel' }, h('h2', {}, t('message.audit')), auditBox));

  api.get('/api/quarantine/audit', { target: view.id, size: 100 }).then((page) => {
    const items = (page && page.items) || [];
    mount(auditBox, items.length ? objectsTable(items.map((a) => ({
      at: a.at, actor: a.actor, action: a.action, detail: a.detail,
    })), 'message-audit', { at: t('audit.at'), actor: t('audit.actor'), action: t('audit.action'), detail: t('audit.detail') }) : h('p', { class: 'muted' }, t('common.none')));
  }, (e) => mount(auditBox, errorBox(e, 'audit-error')));
  return undefined;
}
