// Sign-in: POST /admin/login (form-encoded) after one GET /api/me for the CSRF cookie; the hub's message on failure.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t } from '../i18n.js';
import { errorBox, notice } from '../components.js';

export function renderLogin(main, { message, onSignedIn }) {
  const user = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, 'data-test': 'login-username' });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-test': 'login-password' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'login-submit', 'data-test': 'login-submit' }, t('login.submit'));
  const status = h('div', { id: 'login-error', 'aria-live': 'polite' }, message ? notice(message, 'warn', 'login-notice') : null);
  const form = h('form', { class: 'login-form', id: 'login-form', 'data-test': 'login-form', novalidate: true },
    h('h1', {}, t('login.title')),
    h('p', { class: 'muted' }, t('login.intro')),
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, t('login.username')), user),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('login.password')), pass),
    status,
    button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!user.value.trim() || !pass.value) {
      mount(status, notice(t('login.missing'), 'warn', 'login-notice'));
      return;
    }
    button.disabled = true;
    mount(status);
    try {
      const me = await api.login(user.value.trim(), pass.value);
      await onSignedIn(me && me.screens ? me : await api.me());
    } catch (err) {
      mount(status, errorBox(err, 'login-error'));
      button.disabled = false;
      pass.select();
    }
  });
  mount(main, form);
  user.focus();
}
