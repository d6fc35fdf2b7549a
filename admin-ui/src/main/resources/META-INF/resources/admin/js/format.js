// Presentation only: money from the hub's decimal strings ("1000000.00") by string manipulation, never through
// floating point; instants in the browser's local time zone.

export const NBSP = '\u00a0';
export const TENGE = '\u20b8';
const MONEY = /^(-?)(\d+)(?:\.(\d+))?$/;

export function isMoneyString(v) {
  return typeof v === 'string' && MONEY.test(v.trim());
}

function group(digits, sep) {
  let out = '';
  for (let i = 0; i < digits.length; i += 1) {
    const fromEnd = digits.length - i;
    out += digits[i];
    if (fromEnd > 1 && (fromEnd - 1) % 3 === 0) out += sep;
  }
  return out;
}

/**
 * "1000000.00" → "1 000 000,00 ₸" (ru, kk; NBSP grouping, comma decimals) or "₸1,000,000.00" (en).
 * A value that is not a decimal string is shown as it came.
 */
export function money(value, lang) {
  if (value === null || value === undefined || value === '') return '';
  const str = String(value).trim();
  const m = MONEY.exec(str);
  if (!m) return str;
  const sign = m[1];
  const intPart = m[2].replace(/^0+(?=\d)/, '');
  let frac = m[3] === undefined ? '00' : m[3];
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  if (lang === 'en') return `${sign}${TENGE}${group(intPart, ',')}.${frac}`;
  return `${sign}${group(intPart, NBSP)},${frac}${NBSP}${TENGE}`;
}

/** "1000000.00" → 100000000n tiyn, or null when not a decimal string with at most two decimals. */
export function toTiyn(value) {
  const m = MONEY.exec(String(value ?? '').trim());
  if (!m || (m[3] && m[3].length > 2)) return null;
  const t = BigInt(m[2]) * 100n + BigInt((m[3] || '').padEnd(2, '0') || '0');
  return m[1] ? -t : t;
}

/** Share of used in limit in per mille (0..1000), integer arithmetic; null when either is unknown. */
export function perMille(used, limit) {
  const u = toTiyn(used);
  const l = toTiyn(limit);
  if (u === null || l === null || l <= 0n) return null;
  const p = (u * 1000n) / l;
  return Number(p < 0n ? 0n : p > 1000n ? 1000n : p);
}

const LOCALES = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

export function locale(lang) {
  return LOCALES[lang] || 'en-GB';
}

/** An ISO-8601 instant in local time, e.g. 05.03.2025, 14:02:11 (ru). Unparseable values are shown as they came. */
export function dateTime(value, lang) {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  try {
    return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'medium' }).format(d);
  } catch {
    return d.toLocaleString();
  }
}

export function time(value, lang) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value ?? '');
  return new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit' }).format(d);
}

/** Integer counts with grouping (they are counts, not money). */
export function count(n, lang) {
  if (n === null || n === undefined) return '';
  if (typeof n !== 'number') return String(n);
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** Value of an <input type="datetime-local"> (local time) as an ISO instant, or '' when empty. */
export function localInputToIso(v) {
  if (!v) return '';
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** An ISO instant as the value of an <input type="datetime-local"> in local time. */
export function isoToLocalInput(v) {
  if (!v) return '';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function bytes(n) {
  if (typeof n !== 'number') return String(n ?? '');
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 102.4) / 10} KiB`;
  return `${Math.round(n / (1024 * 104.8576)) / 10} MiB`;
}
