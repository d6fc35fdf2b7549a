// GET /api/reasons?lang=: what each reason code means and what to do (the hub's own texts), in the page's current
// language; asked once per language, so switching the language (which renders the screen again) fetches the texts
// in the new one, and switching back finds them kept.
import * as api from './api.js';
import { language } from './i18n.js';

const cache = new Map();

export async function reasons() {
  const lang = language();
  let answer = cache.get(lang);
  if (!answer) {
    answer = api.get('/api/reasons', { lang }).then((list) => {
      const map = new Map();
      for (const r of list || []) map.set(r.code, r);
      return map;
    }, (e) => {
      cache.delete(lang);
      throw e;
    });
    cache.set(lang, answer);
  }
  return answer;
}

export function forgetReasons() {
  cache.clear();
}
