// Every label from i18n/<lang>.json (kk, ru, en: the same keys in all three, nested by the dots of the key:
// nav.flows is {"nav": {"flows": ...}}). t(key, {name: value}) fills {name}.

export const LANGUAGES = ['kk', 'ru', 'en'];
const STORAGE_KEY = 'hub-admin.language';

let lang = 'en';
let dict = {};
let fallback = {};

/** {"nav": {"flows": "Flows"}} → {"nav.flows": "Flows"}: the files nest by the dots of the keys. */
export function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj || {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') flatten(v, key, out);
    else out[key] = String(v);
  }
  return out;
}

async function load(l) {
  const res = await fetch(new URL(`../i18n/${l}.json`, import.meta.url), { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`i18n ${l}: HTTP ${res.status}`);
  return flatten(await res.json());
}

export function language() {
  return lang;
}

/** The language before sign-in: the one kept in this browser, else the browser's own when it is kk or ru. */
export function storedLanguage() {
  let stored = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  if (LANGUAGES.includes(stored)) return stored;
  const nav = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return LANGUAGES.includes(nav) ? nav : 'en';
}

export async function setLanguage(l) {
  const next = LANGUAGES.includes(l) ? l : 'en';
  if (Object.keys(fallback).length === 0) fallback = await load('en');
  dict = next === 'en' ? fallback : await load(next);
  lang = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the language is still kept per user by the hub
  }
}

function fill(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
}

/** The label for a key (the key itself when no file has it, so a missing label is visible, never blank). */
export function t(key, params) {
  const text = dict[key] ?? fallback[key] ?? key;
  return fill(text, params);
}

/** A label for a value the hub sends (a status, a result): prefix + value when the files have it, else the value. */
export function tv(prefix, value) {
  if (value === null || value === undefined) return '';
  const key = `${prefix}.${value}`;
  return dict[key] ?? fallback[key] ?? String(value);
}
