// GET /api/reasons once per sign-in: what each reason code means and what to do (the hub's own texts).
import * as api from './api.js';

let cache = null;

export async function reasons() {
  if (!cache) {
    cache = api.get('/api/reasons').then((list) => {
      const map = new Map();
      for (const r of list || []) map.set(r.code, r);
      return map;
    }, (e) => {
      cache = null;
      throw e;
    });
  }
  return cache;
}

export function forgetReasons() {
  cache = null;
}
