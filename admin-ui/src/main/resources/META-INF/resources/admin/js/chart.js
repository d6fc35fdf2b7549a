// Hand-drawn SVG time charts (no chart library): grouped bars or lines over time buckets, with axes, a legend,
// a tooltip per point (<title>) and the same numbers as a table for screen readers.
import { h, s } from './dom.js';
import { time, dateTime, count } from './format.js';

/** A "nice" upper bound and step for an axis from 0 to max. */
export function niceScale(max, ticks = 4) {
  if (!(max > 0)) return { top: 1, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  const st = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / st) * st, step: st };
}

/**
 * kind 'bar' | 'line'; buckets: ISO instants; series: [{label, values, color}].
 * Returns a <figure> with the SVG and a <details> table.
 */
export function timeChart({ kind = 'bar', buckets = [], series = [], title, lang, testId, height = 180, width = 480, tableLabel, totals = true }) {
  const padL = 44;
  const padR = 8;
  const padT = 10;
  const padB = 26;
  const n = Math.max(buckets.length, ...series.map((x) => (x.values || []).length), 1);
  const max = Math.max(0, ...series.flatMap((x) => (x.values || []).map((v) => Number(v) || 0)));
  const { top, step } = niceScale(max);
  const plotW = width - padL - padR;
  const plotH = height - padT - padB;
  const slot = plotW / n;
  const y = (v) => padT + plotH - (plotH * (Number(v) || 0)) / top;
  const xCenter = (i) => padL + slot * i + slot / 2;
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title,
    'data-test': testId,
  });
  // grid and y axis
  for (let v = 0; v <= top; v += step) {
    svg.append(s('line', { x1: padL, x2: width - padR, y1: y(v), y2: y(v), class: 'grid' }),
      s('text', { x: padL - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, count(v, lang)));
  }
  // x labels: about 6 across
  const every = Math.max(1, Math.ceil(n / 6));
  for (let i = 0; i < buckets.length; i += every) {
    svg.append(s('text', { x: xCenter(i), y: height - 8, class: 'axis', 'text-anchor': 'middle' }, time(buckets[i], lang)));
  }
  svg.append(s('line', { x1: padL, x2: width - padR, y1: padT + plotH, y2: padT + plotH, class: 'baseline' }));
  if (kind === 'bar') {
    const k = Math.max(series.length, 1);
    const barW = Math.max(1, (slot * 0.8) / k);
    series.forEach((ser, si) => {
      (ser.values || []).forEach((v, i) => {
        const val = Number(v) || 0;
        if (val === 0) return;
        const x = padL + slot * i + slot * 0.1 + barW * si;
        svg.append(s('rect', { x, y: y(val), width: barW, height: padT + plotH - y(val), fill: ser.color, class: 'bar' },
          s('title', {}, `${ser.label} · ${buckets[i] ? dateTime(buckets[i], lang) : i}: ${count(val, lang)}`)));
      });
    });
  } else {
    series.forEach((ser) => {
      const pts = (ser.values || []).map((v, i) => `${xCenter(i).toFixed(1)},${y(v).toFixed(1)}`);
      if (pts.length) svg.append(s('polyline', { points: pts.join(' '), fill: 'none', stroke: ser.color, 'stroke-width': 2, class: 'line' }));
      (ser.values || []).forEach((v, i) => {
        svg.append(s('circle', { cx: xCenter(i), cy: y(v), r: 2.5, fill: ser.color },
          s('title', {}, `${ser.label} · ${buckets[i] ? dateTime(buckets[i], lang) : i}: ${count(Number(v) || 0, lang)}`)));
      });
    });
  }
  const legend = h('ul', { class: 'legend' }, series.map((ser) => h('li', {},
    h('span', { class: 'swatch', style: `background:${ser.color}` }), ser.label,
    totals ? [' ', h('span', { class: 'muted' }, `(${count((ser.values || []).reduce((a, b) => a + (Number(b) || 0), 0), lang)})`)] : null)));
  const table = h('details', { class: 'chart-table' }, h('summary', {}, tableLabel || title),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data compact' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), series.map((ser) => h('th', { scope: 'col' }, ser.label)))),
      h('tbody', {}, buckets.map((b, i) => h('tr', {}, h('th', { scope: 'row' }, dateTime(b, lang)),
        series.map((ser) => h('td', { class: 'num' }, count(Number((ser.values || [])[i]) || 0, lang)))))))));
  return h('figure', { class: 'chart-figure' }, h('figcaption', {}, title), svg, legend, table);
}
