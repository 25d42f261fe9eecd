// Sign up and log in. The server sets the session cookie; the app keeps only who is logged in.
import { call } from './api.js';
import { el } from './dom.js';
import { setMe } from './session.js';
import { field, actionMessage, showFormError, clearFormErrors, busy } from './ui.js';

function authForm({ title, intro, fields, submitLabel, endpoint, switchText, switchHref, switchLabel }) {
  const message = actionMessage();
  const submit = el('button', { class: 'button button-wide', type: 'submit', text: submitLabel, dataset: { testid: 'auth-submit' } });
  const form = el('form', { class: 'card auth', novalidate: true, 'aria-labelledby': 'auth-title' },
    el('h1', { id: 'auth-title', text: title }),
    el('p', { class: 'muted', text: intro }),
    fields.map((f) => f.wrapper),
    message.node,
    submit,
    el('p', { class: 'muted switch' }, switchText, ' ', el('a', { href: switchHref, text: switchLabel })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(fields, message);
    const body = Object.fromEntries(fields.map((f) => [f.name, f.control.value]));
    try {
      await busy(submit, async () => {
        await call('POST', endpoint, { json: body });
        const status = await call('GET', '/api/accounts/login_status/');
        setMe(status.user);
      });
      location.hash = '#/';
    } catch (error) {
      showFormError(fields, message, error);
    }
  });
  return form;
}

/** The sign-up screen. */
export function signUpScreen() {
  return authForm({
    title: 'Join Starling', intro: 'Create an account to follow people and post.',
    fields: [
      field({ name: 'username', label: 'Username', hint: '6–20 characters: a–z, 0–9 and _.',
        attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true } }),
      field({ name: 'email', label: 'Email', type: 'email', attrs: { autocomplete: 'email', required: true } }),
      field({ name: 'password', label: 'Password', type: 'password', hint: 'At least 6 characters.',
        attrs: { autocomplete: 'new-password', required: true } }),
    ],
    submitLabel: 'Sign up', endpoint: '/api/accounts/signup/',
    switchText: 'Already have an account?', switchHref: '#/login', switchLabel: 'Log in',
  });
}

/** The log-in screen. */
export function logInScreen() {
  return authForm({
    title: 'Log in to Starling', intro: 'Welcome back.',
    fields: [
      field({ name: 'username', label: 'Username', attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true } }),
      field({ name: 'password', label: 'Password', type: 'password', attrs: { autocomplete: 'current-password', required: true } }),
    ],
    submitLabel: 'Log in', endpoint: '/api/accounts/login/',
    switchText: 'New here?', switchHref: '#/signup', switchLabel: 'Create an account',
  });
}

/** Logs out on the server, then forgets the user here. */
export async function logOut() {
  await call('POST', '/api/accounts/logout/');
  setMe(null);
  location.hash = '#/login';
}
