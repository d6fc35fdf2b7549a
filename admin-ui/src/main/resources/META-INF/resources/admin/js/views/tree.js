// Transaction tree of marked money: by contract number, address list id or initiator BIN. Drawn as SVG (node =
// transaction, branch = output with owner, amount, marking, hold, spentBy and a ✓ when verified); a click on a node
// opens GET /api/ledger/transactions/{txId} in a side panel; export as SVG (serialized) or PNG (canvas).
import { h, s, mount, download } from '../dom.js';
import * as api from '../api.js';
import { t, language } from '../i18n.js';
import { money, dateTime } from '../format.js';
import { errorBox, loading, renderValue, field, notice } from '../components.js';
import { layoutTree, GAP } from '../treelayout.js';

const KINDS = ['contract', 'addressList', 'initiator'];

const SVG_STYLE = `
  .tx rect { fill: #ffffff; stroke: #0b5394; stroke-width: 1.5; }
  .tx:hover rect, .tx:focus rect { fill: #e8f0fb; stroke-width: 3; }
  .tx:focus { outline: none; }
  .tx.selected rect { fill: #dbe8fa; stroke-width: 3; }
  .tx text, .leaf text, .edge text { font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif; fill: #1b1f24; }
  .tx .type { font-weight: 700; font-size: 13px; }
  .tx .ref, .tx .id { font-size: 11px; fill: #444c56; }
  .tx .amount { font-size: 13px; font-weight: 600; }
  .leaf rect { fill: #f6f8fa; stroke: #8c959f; stroke-dasharray: 4 3; }
  .leaf text { font-size: 11px; }
  .edge path { fill: none; stroke: #57606a; stroke-width: 1.5; }
  .edge.held path { stroke: #8a4b00; stroke-dasharray: 6 3; }
  .edge text { font-size: 11px; }
  .edge .owner { font-weight: 600; }
  .edge .ok { fill: #1a7f37; font-weight: 700; }
  .edge .bad { fill: #c62828; font-weight: 700; }
`;

function short(id, n = 10) {
  if (!id) return '';
  return id.length > n + 1 ? `${id.slice(0, n)}…` : id;
}

function clip(text, max) {
  const str = String(text ?? '');
  return str.length > max ? `${str.slice(0, max - 1)}…` : str;
}

export function drawTree(answer, { lang, onNode }) {
  const lay = layoutTree(answer.roots || []);
  const svg = s('svg', {
    viewBox: `0 0 ${lay.width} ${lay.height}`, width: lay.width, height: lay.height,
    role: 'group', 'aria-label': t('tree.svgLabel', { root: answer.root ?? '' }), id: 'tree-svg', 'data-test': 'tree-svg', class: 'tree-svg',
  }, s('style', {}, SVG_STYLE), s('rect', { x: 0, y: 0, width: lay.width, height: lay.height, fill: '#ffffff' }));
  for (const e of lay.edges) {
    const x1 = e.from.x + e.from.w;
    const y1 = e.from.y + e.from.h / 2;
    const x2 = e.to.x;
    const y2 = e.to.y + e.to.h / 2;
    const d = x2 - x1;
    const out = e.output || {};
    const verified = out.verified ?? answer.verified;
    // a curve that is level with the target from 40 % of the way on: the branch's label sits on that level part
    const g = s('g', {
      class: `edge${out.hold ? ' held' : ''}`, 'data-test': 'tree-edge', 'data-verified': String(Boolean(verified)),
      'data-owner': out.owner ?? '', 'data-index': out.index ?? '',
    }, s('path', { d: `M${x1},${y1} C${x1 + d * 0.2},${y1} ${x1 + d * 0.2},${y2} ${x1 + d * 0.4},${y2} L${x2 - 4},${y2}` }),
    s('path', { d: `M${x2 - 9},${y2 - 4} L${x2 - 2},${y2} L${x2 - 9},${y2 + 4}` }));
    if (e.output) {
      const lx = x1 + d * 0.42;
      const marking = out.marking ? `${t('tree.marking')}: ${clip(out.marking, 16)}` : t('tree.unmarked');
      g.append(s('text', { x: lx, y: y2 - 20, class: 'owner' }, clip(out.owner, 24)),
        s('text', { x: lx, y: y2 - 6 }, money(out.amount, lang), verified ? [' ', s('tspan', { class: 'ok', 'data-test': 'edge-verified' }, '✓')] : ''),
        s('text', { x: lx, y: y2 + 14 }, marking),
        out.hold ? s('text', { x: lx, y: y2 + 27 }, `${t('tree.hold')}: ${clip(out.hold, 16)}`) : null,
        s('title', {}, [`#${out.index} ${out.owner ?? ''}`, money(out.amount, lang), out.marking ? `${t('tree.marking')}: ${out.marking}` : '',
          out.hold ? `${t('tree.hold')}: ${out.hold}` : '', out.spentBy ? `${t('tree.spentBy')}: ${out.spentBy}` : t('tree.unspent'),
          verified ? `✓ ${t('tree.verified')}` : t('tree.notVerified')].filter(Boolean).join('\n')));
    }
    svg.append(g);
  }
  for (const leaf of lay.leaves) {
    const out = leaf.output;
    svg.append(s('g', { class: 'leaf', 'data-test': 'tree-leaf' },
      s('rect', { x: leaf.x, y: leaf.y, width: leaf.w, height: leaf.h, rx: 6 }),
      s('text', { x: leaf.x + 8, y: leaf.y + 16 }, clip(out.owner, 24)),
      s('text', { x: leaf.x + 8, y: leaf.y + 31 }, out.spentBy ? `${t('tree.spentBy')} ${short(out.spentBy)}` : t('tree.unspent'))));
  }
  for (const b of lay.nodes) {
    const n = b.node;
    const g = s('g', {
      class: 'tx', tabindex: 0, role: 'button', 'data-test': 'tree-node', 'data-tx': n.txId,
      'aria-label': `${n.type} ${n.reference ?? ''} ${money(n.tracedAmount, lang)}`,
    },
    s('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 8 }),
    s('text', { x: b.x + 10, y: b.y + 18, class: 'type' }, clip(n.type, 20), n.seq != null ? s('tspan', { class: 'id' }, `  #${n.seq}`) : ''),
    s('text', { x: b.x + 10, y: b.y + 34, class: 'ref' }, clip(n.reference ?? '—', 32)),
    s('text', { x: b.x + 10, y: b.y + 52, class: 'amount' }, money(n.tracedAmount, lang)),
    s('text', { x: b.x + 10, y: b.y + 67, class: 'id' }, short(n.txId, 24)),
    s('title', {}, [n.txId, `${n.type} ${n.reference ?? ''}`, n.committedAt ? dateTime(n.committedAt, lang) : ''].filter(Boolean).join('\n')));
    const open = () => {
      svg.querySelectorAll('.tx.selected').forEach((x) => x.classList.remove('selected'));
      g.classList.add('selected');
      onNode(n);
    };
    g.addEventListener('click', open);
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        open();
      }
    });
    svg.append(g);
  }
  return svg;
}

export function serializeSvg(svg) {
  const copy = svg.cloneNode(true);
  copy.querySelectorAll('.selected').forEach((x) => x.classList.remove('selected'));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

export function svgToPng(svg, scale = 2) {
  return new Promise((resolve, reject) => {
    const text = serializeSvg(svg);
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const w = Number(svg.getAttribute('width'));
      const hgt = Number(svg.getAttribute('height'));
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(w * scale);
      canvas.height = Math.ceil(hgt * scale);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, w, hgt);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG'))), 'image/png');
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error(t('tree.pngFailed')));
    };
    img.src = url;
  });
}

export async function renderTree(main, route) {
  const p = route.params;
  const lang = language();
  const kind = KINDS.find((k) => p[k]) || p.kind || 'contract';
  const value = p[kind] || '';
  const kindSel = h('select', { id: 'tree-kind', 'data-test': 'tree-kind' },
    KINDS.map((k) => h('option', { value: k, selected: k === kind }, t(`tree.kind.${k}`))));
  const input = h('input', { id: 'tree-key', 'data-test': 'tree-key', value, required: true, autocomplete: 'off' });
  const form = h('form', { class: 'filters', role: 'search', 'data-test': 'tree-form' },
    field(t('tree.by'), kindSel), field(t('tree.key'), input),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'tree-submit', id: 'tree-submit' }, t('tree.draw'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    route.navigate('tree', { [kindSel.value]: input.value });
  });
  const out = h('div', {});
  const panel = h('aside', { class: 'side-panel', id: 'tree-panel', 'data-test': 'tree-panel', hidden: true, 'aria-live': 'polite' });
  mount(main, h('h1', {}, t('nav.tree')), h('section', { class: 'panel' }, form), h('div', { class: 'tree-layout' }, out, panel));
  if (!value.trim()) {
    input.focus();
    return undefined;
  }
  mount(out, loading());
  let answer;
  try {
    answer = await api.get('/api/programmable/trace', { [kind]: value.trim() });
  } catch (e) {
    mount(out, errorBox(e, 'tree-error'));
    return undefined;
  }
  const openTx = async (node) => {
    panel.hidden = false;
    const close = h('button', { type: 'button', class: 'link-button', 'data-test': 'tree-panel-close', onclick: () => { panel.hidden = true; } }, t('common.close'));
    mount(panel, h('div', { class: 'panel-head' }, h('h2', {}, t('tree.transaction')), close), h('p', {}, h('code', { class: 'hash' }, node.txId)), loading());
    try {
      const tx = await api.get(`/api/ledger/transactions/${api.enc(node.txId)}`);
      mount(panel, h('div', { class: 'panel-head' }, h('h2', {}, t('tree.transaction')), close),
        h('div', { 'data-test': 'tree-panel-tx', 'data-tx': node.txId }, h('p', {}, h('code', { class: 'hash' }, node.txId)), renderValue(tx)));
    } catch (e) {
      mount(panel, h('div', { class: 'panel-head' }, h('h2', {}, t('tree.transaction')), close), errorBox(e, 'tree-tx-error'));
    }
    close.focus();
  };
  const svg = drawTree(answer, { lang, onNode: openTx });
  const base = `trace-${kind}-${value.trim().replace(/[^\w.-]+/g, '_')}`;
  const exportSvg = h('button', { type: 'button', 'data-test': 'tree-export-svg', id: 'tree-export-svg', onclick: () => download(new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }), `${base}.svg`) }, t('tree.exportSvg'));
  const pngStatus = h('span', { 'aria-live': 'polite' });
  const exportPng = h('button', { type: 'button', 'data-test': 'tree-export-png', id: 'tree-export-png' }, t('tree.exportPng'));
  exportPng.addEventListener('click', async () => {
    try {
      download(await svgToPng(svg), `${base}.png`);
      pngStatus.textContent = '';
    } catch (e) {
      mount(pngStatus, errorBox(e));
    }
  });
  const summary = h('table', { class: 'kv', 'data-test': 'tree-summary' }, h('tbody', {},
    h('tr', {}, h('th', { scope: 'row' }, t('tree.root')), h('td', {}, answer.root ?? '')),
    h('tr', {}, h('th', { scope: 'row' }, t('tree.markedTotal')), h('td', { class: 'money' }, money(answer.markedTotal, lang))),
    h('tr', {}, h('th', { scope: 'row' }, t('tree.transactions')), h('td', {}, String(answer.transactions ?? ''))),
    h('tr', {}, h('th', { scope: 'row' }, t('tree.verified')), h('td', { 'data-test': 'tree-verified', 'data-verified': String(Boolean(answer.verified)) },
      answer.verified ? h('span', { class: 'ok' }, `✓ ${t('common.yes')}`) : h('span', { class: 'bad' }, t('common.no')))),
    answer.problem ? h('tr', {}, h('th', { scope: 'row' }, t('tree.problem')), h('td', {}, answer.problem)) : null));
  mount(out,
    h('section', { class: 'panel' }, h('div', { class: 'title-row' }, h('h2', {}, t('tree.summary')), exportSvg, exportPng, pngStatus), summary,
      answer.verified ? null : notice(t('tree.notVerifiedWarn'), 'warn', 'tree-not-verified')),
    h('section', { class: 'panel tree-scroll', tabindex: '0', 'aria-label': t('tree.drawing') }, svg),
    h('p', { class: 'muted small' }, t('tree.hint')));
  return undefined;
}
