// Notifications: the list (page-number pages), mark one or all read, and the unread badge.
import { call, sameOriginPath } from './api.js';
import { el, timeElement } from './dom.js';
import { displayName } from './session.js';
import { avatar, actionMessage, busy } from './ui.js';

const listeners = new Set();

/** Calls `listener(count)` whenever the unread count is known anew. */
export function onUnreadCount(listener) {
  listeners.add(listener);
}

/** Reads the unread count and tells the badge. */
export async function refreshUnreadCount() {
  const { unread_count: count } = await call('GET', '/api/notifications/unread-count/');
  for (const listener of listeners) listener(count);
  return count;
}

/** Where a notification leads: its tweet, or the actor. */
function targetHref(notification) {
  if (notification.target_content_type === 'tweet' && notification.target_object_id) return `#/t/${notification.target_object_id}`;
  return `#/u/${notification.actor?.id ?? notification.actor_object_id}`;
}

function notificationView(notification) {
  const actor = notification.actor ?? { id: notification.actor_object_id, username: 'someone' };
  const link = el('a', { class: 'notification-link', href: targetHref(notification) },
    el('strong', { text: displayName(actor) }), ' ', notification.verb);
  const item = el('li', { class: `notification${notification.unread ? ' unread' : ''}`, dataset: { testid: 'notification' } },
    avatar(actor, 40),
    el('div', {}, link, el('div', { class: 'muted' }, timeElement(notification.timestamp),
      notification.unread ? el('span', { class: 'visually-hidden', text: ' (unread)' }) : null)));
  link.addEventListener('click', () => {
    if (!notification.unread) return;
    notification.unread = false;
    item.classList.remove('unread');
    call('PUT', `/api/notifications/${notification.id}/`, { json: { unread: false } })
      .then(refreshUnreadCount).catch(() => {});
  });
  return item;
}

/** The notifications screen. */
export async function notificationsScreen() {
  const first = await call('GET', '/api/notifications/');
  const list = el('ol', { class: 'notifications', 'aria-label': 'Notifications' });
  const more = el('button', { class: 'button button-quiet', type: 'button', text: 'Older notifications' });
  const message = actionMessage();
  let next = null;
  const show = (page) => {
    list.append(...page.results.map(notificationView));
    next = page.next;
    more.hidden = !next;
  };
  more.addEventListener('click', async () => {
    message.clear();
    try {
      show(await busy(more, () => call('GET', sameOriginPath(next))));
    } catch (error) {
      message.show(error);
    }
  });
  show(first);

  const markAll = el('button', { class: 'button button-quiet', type: 'button', text: 'Mark all as read', dataset: { testid: 'mark-all-read' } });
  const markMessage = actionMessage();
  markAll.addEventListener('click', async () => {
    markMessage.clear();
    try {
      await busy(markAll, () => call('POST', '/api/notifications/mark-all-as-read/'));
      for (const item of list.querySelectorAll('.unread')) item.classList.remove('unread');
      await refreshUnreadCount();
    } catch (error) {
      markMessage.show(error);
    }
  });
  refreshUnreadCount().catch(() => {});
  return el('section', { class: 'card', 'aria-labelledby': 'notifications-title' },
    el('div', { class: 'section-head' }, el('h1', { id: 'notifications-title', text: 'Notifications' }), markAll, markMessage.node),
    first.count ? list : el('p', { class: 'muted', text: 'No notifications yet. Likes, comments and follows show up here.' }),
    more, message.node);
}
