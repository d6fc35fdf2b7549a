// Small DOM helpers: h() builds HTML elements, s() builds SVG elements. No framework.

export const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttrs(el, attrs, isSvg) {
  let deferredValue;
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') {
      if (isSvg) el.setAttribute('class', v); else el.className = v;
    } else if (k === 'value') {
      deferredValue = v;
    } else if (k === 'text') {
      el.textContent = v;
    } else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden' || k === 'required'
      || k === 'readOnly' || k === 'open') {
      el[k] = Boolean(v);
      if (v === true && !isSvg && k !== 'readOnly') el.setAttribute(k, '');
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
  return deferredValue;
}

export function append(el, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** h('button', {class: 'x', onclick: fn, 'data-test': 'y'}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  const value = setAttrs(el, attrs, false);
  append(el, children);
  if (value !== undefined) el.value = value;
  return el;
}

/** s('rect', {x: 1, y: 2}) — an SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs, true);
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replace the content of el with the children. */
export function mount(el, ...children) {
  clear(el);
  return append(el, children);
}

let idCounter = 0;
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Trigger a download of a Blob under a file name. */
export function download(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
