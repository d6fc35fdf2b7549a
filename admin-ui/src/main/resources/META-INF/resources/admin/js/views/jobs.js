// A background bulk job (POST /api/quarantine/jobs): progress bar done/total, result per entry, and a warning when
// new failures arrived for the group while it ran. Polls GET /api/quarantine/jobs/{id} every second until DONE.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, tv } from '../i18n.js';
import { errorBox, badge } from '../components.js';

let followed = null; // {id, label} of the job on screen, kept while the user moves around

export function followedJob() {
  return followed;
}

export async function startJob(body, label) {
  const job = await api.post('/api/quarantine/jobs', body);
  followed = { id: job.id, label, last: job };
  return job;
}

function resultsTable(results) {
  if (!results || results.length === 0) return null;
  return h('div', { class: 'table-wrap job-results' },
    h('table', { class: 'data', 'data-test': 'job-results' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('job.entry')), h('th', { scope: 'col' }, t('job.result')),
        h('th', { scope: 'col' }, t('field.reasonCode')), h('th', { scope: 'col' }, t('field.message')))),
      h('tbody', {}, results.map((r) => h('tr', { 'data-test': 'job-result-row', 'data-id': r.id },
        h('td', {}, h('a', { href: `#/exceptions/${r.id}` }, `#${r.id}`)),
        h('td', {}, badge('result', r.result)),
        h('td', {}, r.reasonCode || ''),
        h('td', {}, r.message || ''))))));
}

function view(job, label, onDismiss) {
  const total = Number(job.total) || 0;
  const done = Number(job.done) || 0;
  const running = job.status !== 'DONE';
  const progressId = `job-progress-${job.id}`;
  return h('section', { class: 'panel job', 'data-test': 'job-panel', 'data-status': job.status, 'aria-live': 'polite' },
    h('h2', {}, t('job.title', { id: job.id }), ' ', badge('jobStatus', job.status)),
    h('p', {}, label || '', ' ', h('span', { class: 'muted' }, tv('jobAction', job.action), job.selection ? ` · ${job.selection}` : '')),
    h('label', { for: progressId }, t('job.progress', { done, total })),
    h('div', { class: 'progress-row' },
      h('progress', { id: progressId, max: total || 1, value: done, 'data-test': 'job-progress', 'data-done': done, 'data-total': total }),
      h('span', { class: 'percent', 'data-test': 'job-percent' }, t('job.percent', { p: total > 0 ? Math.floor((done * 100) / total) : (running ? 0 : 100) }))),
    h('p', { 'data-test': 'job-counts' },
      t('job.counts', { succeeded: job.succeeded ?? 0, failed: job.failed ?? 0 })),
    Number(job.newFailures) > 0
      ? h('div', { class: 'notice notice-warn', role: 'alert', 'data-test': 'job-new-failures' },
        t('job.newFailures', { n: job.newFailures }))
      : null,
    resultsTable(job.results),
    running ? null : h('button', { type: 'button', 'data-test': 'job-dismiss', onclick: onDismiss }, t('job.dismiss')));
}

/**
 * Shows the followed job in the container and polls it; onDone runs once when it is DONE.
 * Returns a function that stops polling.
 */
export function followJob(container, onDone) {
  if (!followed) return () => {};
  const current = followed;
  let stopped = false;
  let timer = null;
  const dismiss = () => {
    followed = null;
    mount(container);
  };
  const tick = async () => {
    if (stopped) return;
    try {
      const job = await api.get(`/api/quarantine/jobs/${api.enc(current.id)}`);
      current.last = job;
      if (stopped) return;
      mount(container, view(job, current.label, dismiss));
      if (job.status === 'DONE') {
        if (!current.reported) {
          current.reported = true;
          if (onDone) onDone(job);
        }
        return;
      }
    } catch (e) {
      if (stopped) return;
      mount(container, errorBox(e, 'job-error'));
      if (e instanceof api.ApiError && (e.status === 404 || e.status === 401)) return;
    }
    timer = setTimeout(tick, 1000);
  };
  if (current.last) mount(container, view(current.last, current.label, dismiss));
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
