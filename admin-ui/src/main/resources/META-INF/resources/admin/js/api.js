// The hub's JSON API, same origin. Every call sends the session cookie, X-Requested-With (so the hub answers 401
// without a browser Basic prompt) and, for POST/PUT/DELETE, the CSRF token from the XSRF-TOKEN cookie.
// Errors become ApiError with the hub's {reason, message}; a 401 anywhere tells the app to go back to sign-in.

export class ApiError extends Error {
  constructor(status, reason, message, body) {
    super(message || reason);
    this.status = status;
    this.reason = reason;
    this.body = body;
  }
}

let unauthorizedHandler = () => {};

/** The app registers what to do when any call answers 401. */
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

export function cookie(name) {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const p = part.trim();
    if (p.startsWith(prefix)) return decodeURIComponent(p.slice(prefix.length));
  }
  return null;
}

/** ?a=1&b=2 from an object, leaving out null, undefined and blank values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined) continue;
    const str = String(v).trim();
    if (str === '') continue;
    q.append(k, str);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export async function request(method, path, options = {}) {
  const { body, form, params, quiet401 } = options;
  const headers = { 'X-Requested-With': 'hub-admin', Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') {
    const token = cookie('XSRF-TOKEN');
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  let payload;
  if (form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(form).toString();
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path + query(params), { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e && e.message ? e.message : String(e));
  }
  const text = res.status === 204 ? '' : await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const obj = data && typeof data === 'object' ? data : {};
    const reason = obj.reason || `HTTP_${res.status}`;
    const message = obj.message || (typeof data === 'string' && data.length < 500 ? data : res.statusText);
    const err = new ApiError(res.status, reason, message, data);
    if (res.status === 401 && !quiet401) unauthorizedHandler(err);
    throw err;
  }
  return data;
}

export const get = (path, params, options) => request('GET', path, { ...options, params });
export const post = (path, body, options) => request('POST', path, { ...options, body });
export const put = (path, body, options) => request('PUT', path, { ...options, body });

/** GET /api/me; null when signed out (the call still makes the hub set the XSRF-TOKEN cookie). */
export async function me() {
  try {
    return await request('GET', '/api/me', { quiet401: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function login(username, password) {
  if (!cookie('XSRF-TOKEN')) await me(); // the first POST needs the CSRF cookie
  return request('POST', '/admin/login', { form: { username, password }, quiet401: true });
}

export async function logout() {
  return request('POST', '/admin/logout', { quiet401: true });
}

export const enc = encodeURIComponent;
