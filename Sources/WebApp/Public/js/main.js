// The app shell: the navigation, the hash router that draws one screen at a time, and the
// timers that keep relative times and the unread badge fresh.
import { el, clear, refreshTimes } from './dom.js';
import { me, loadSession, onSessionChange, displayName } from './session.js';
import { signUpScreen, logInScreen, logOut } from './auth.js';
import { feedScreen } from './feed.js';
import { userScreen } from './user.js';
import { tweetScreen } from './tweet-page.js';
import { notificationsScreen, refreshUnreadCount, onUnreadCount } from './notifications.js';
import { settingsScreen } from './settings.js';
import { avatar, errorPanel, actionMessage } from './ui.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const banner = document.getElementById('banner');

/** Routes: a pattern on the hash path, whether it needs a session, and the screen. */
const routes = [
  { pattern: /^\/$/, auth: true, title: 'Home', screen: (ctx) => feedScreen(ctx) },
  { pattern: /^\/login$/, guest: true, title: 'Log in', screen: () => logInScreen() },
  { pattern: /^\/signup$/, guest: true, title: 'Sign up', screen: () => signUpScreen() },
  { pattern: /^\/u\/(\d+)(?:\/(followers|followings))?$/, title: 'Profile', screen: (ctx, [id, tab]) => userScreen(ctx, Number(id), tab ?? 'tweets') },
  { pattern: /^\/t\/(\d+)$/, title: 'Tweet', screen: (ctx, [id]) => tweetScreen(ctx, Number(id)) },
  { pattern: /^\/notifications$/, auth: true, title: 'Notifications', screen: () => notificationsScreen() },
  { pattern: /^\/settings$/, auth: true, title: 'Edit profile', screen: () => settingsScreen() },
];

let leaving = [];
let generation = 0;

function currentPath() {
  const hash = location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

/** Draws the screen for the current hash; a failure shows what happened and a retry. */
async function render({ keepFocus = false } = {}) {
  const mine = ++generation;
  delete main.dataset.path;
  for (const leave of leaving) leave();
  leaving = [];
  const path = currentPath();
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) {
    show(el('section', { class: 'card' }, el('h1', { text: 'Page not found' }), el('p', {}, el('a', { href: '#/', text: 'Go home' }))), 'Not found');
    return;
  }
  if (route.auth && !me()) {
    location.replace('#/login');
    return;
  }
  if (route.guest && me()) {
    location.replace('#/');
    return;
  }
  const ctx = { onLeave: (fn) => leaving.push(fn), reload: () => render({ keepFocus: true }) };
  main.setAttribute('aria-busy', 'true');
  try {
    const node = await route.screen(ctx, path.match(route.pattern).slice(1));
    if (mine !== generation) return;
    show(node, route.title, keepFocus);
  } catch (error) {
    if (mine !== generation) return;
    if (error.status === 404) {
      show(el('section', { class: 'card' }, el('h1', { text: 'Not found' }), el('p', { text: 'It may have been deleted.' }),
        el('a', { href: '#/', text: 'Go home' })), 'Not found', keepFocus);
    } else {
      show(errorPanel(error, () => render()), 'Error', keepFocus);
    }
  } finally {
    if (mine === generation) main.removeAttribute('aria-busy');
  }
  updateNav();
}

function show(node, title, keepFocus = false) {
  clear(main).append(node);
  main.dataset.path = currentPath();
  document.title = `${title} · Starling`;
  if (!keepFocus) {
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  }
}

let badge = null;

/** The top navigation, for a visitor or for the logged-in user. */
function updateNav() {
  const user = me();
  const path = currentPath();
  const link = (href, label, extra = {}) => el('a', {
    class: 'nav-link', href, 'aria-current': `#${path}` === href ? 'page' : null, ...extra,
  }, label);
  if (!user) {
    badge = null;
    nav.replaceChildren(link('#/login', 'Log in'), link('#/signup', 'Sign up', { class: 'nav-link nav-primary' }));
    return;
  }
  badge = el('span', { class: 'badge', hidden: true, dataset: { testid: 'unread-badge' } });
  const logoutMessage = actionMessage();
  const logout = el('button', { class: 'nav-link nav-button', type: 'button', text: 'Log out', dataset: { testid: 'logout' } });
  logout.addEventListener('click', async () => {
    try {
      await logOut();
    } catch (error) {
      logoutMessage.show(error);
    }
  });
  nav.replaceChildren(
    link('#/', 'Home'),
    link('#/notifications', ['Notifications', badge], { dataset: { testid: 'nav-notifications' } }),
    el('a', { class: 'nav-link nav-me', href: `#/u/${user.id}`, title: `Your profile (@${user.username})`,
      'aria-current': path === `/u/${user.id}` ? 'page' : null }, avatar(user, 28), el('span', { class: 'nav-name', text: displayName(user) })),
    logout, logoutMessage.node);
  refreshUnreadCount().catch(() => {});
}

onUnreadCount((count) => {
  if (!badge) return;
  badge.hidden = count === 0;
  badge.textContent = count > 99 ? '99+' : String(count);
  badge.setAttribute('aria-label', `${count} unread`);
});

/** A banner while the browser says it is offline. */
function showConnectivity() {
  banner.hidden = navigator.onLine;
  banner.textContent = navigator.onLine ? '' : 'You are offline. Starling will catch up when the connection is back.';
}

showConnectivity();
window.addEventListener('online', () => {
  showConnectivity();
  if (main.querySelector('[data-testid="error-panel"]')) (started ? render() : start());
});
window.addEventListener('offline', showConnectivity);
let started = false;

/** Reads the session, then draws the first screen; without a server, a retry. */
async function start() {
  try {
    await loadSession();
  } catch (error) {
    updateNav();
    clear(main).append(errorPanel(error, () => start()));
    return;
  }
  if (started) return render();
  started = true;
  onSessionChange(() => updateNav());
  window.addEventListener('hashchange', () => render());
  setInterval(refreshTimes, 30_000);
  setInterval(() => {
    if (me() && !document.hidden) refreshUnreadCount().catch(() => {});
  }, 30_000);
  updateNav();
  await render();
}

start();
