// Who is logged in, read once from `login_status` and updated on login, logout and profile edits.
import { call } from './api.js';

const listeners = new Set();
let current = null;

/** The logged-in user `{id, username, nickname, avatar_url}`, or null. */
export function me() {
  return current;
}

/** Asks the server whether the session cookie is still good. */
export async function loadSession() {
  const status = await call('GET', '/api/accounts/login_status/');
  setMe(status.has_logged_in ? status.user : null);
  return current;
}

/** Replaces the current user and tells every listener. */
export function setMe(user) {
  current = user ?? null;
  for (const listener of listeners) listener(current);
}

/** Calls `listener(user)` whenever the user changes. */
export function onSessionChange(listener) {
  listeners.add(listener);
}

/** The name to show for a user: the nickname, or the username. */
export function displayName(user) {
  return user?.nickname?.trim() ? user.nickname : user?.username ?? '';
}
