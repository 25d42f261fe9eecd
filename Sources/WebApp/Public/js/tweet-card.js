// A tweet as shown in every list and on its own page: author, time, text, photos and actions.
import { call } from './api.js';
import { el, timeElement } from './dom.js';
import { me, displayName } from './session.js';
import { avatar, userLink, actionMessage, busy } from './ui.js';

/** Photos in a grid: sized boxes (no layout jump), lazy-loaded, with alt text. */
export function photoGrid(urls, author) {
  if (!urls?.length) return null;
  const grid = el('div', { class: `photos photos-${Math.min(urls.length, 4)}` });
  urls.forEach((url, index) => {
    grid.append(el('a', { class: 'photo', href: url, target: '_blank', rel: 'noopener' },
      el('img', {
        src: url, loading: 'lazy', decoding: 'async', width: 600, height: 400,
        alt: `Photo ${index + 1} of ${urls.length} posted by ${displayName(author)}`,
      })));
  });
  return grid;
}

/** A like toggle for a tweet or a comment; keeps `item.has_liked` and `item.likes_count` current. */
export function likeButton(contentType, item, message) {
  const count = el('span', { class: 'count', text: item.likes_count });
  const button = el('button', { class: 'action like', type: 'button', dataset: { testid: 'like' } },
    el('span', { class: 'icon', 'aria-hidden': 'true' }), count);
  const paint = () => {
    button.setAttribute('aria-pressed', item.has_liked ? 'true' : 'false');
    button.setAttribute('aria-label', `${item.has_liked ? 'Unlike' : 'Like'} (${item.likes_count} likes)`);
    button.title = item.has_liked ? 'Unlike' : 'Like';
    count.textContent = item.likes_count;
  };
  paint();
  button.addEventListener('click', async () => {
    message.clear();
    if (!me()) {
      location.hash = '#/login';
      return;
    }
    const liking = !item.has_liked;
    try {
      await busy(button, async () => {
        const result = await call('POST', liking ? '/api/likes/' : '/api/likes/cancel/',
          { json: { content_type: contentType, object_id: item.id } });
        if (liking && !item.has_liked) item.likes_count += 1;
        if (!liking && item.has_liked && result.deleted !== 0) item.likes_count = Math.max(0, item.likes_count - 1);
        item.has_liked = liking;
      });
    } catch (error) {
      message.show(error);
    }
    paint();
  });
  return button;
}

/** One tweet; `onDeleted` runs after its author deleted it. */
export function tweetCard(tweet, { onDeleted, detail = false } = {}) {
  const message = actionMessage();
  const own = me()?.id === tweet.user.id;
  const href = `#/t/${tweet.id}`;
  const actions = el('div', { class: 'actions' },
    el('a', {
      class: 'action comment', href, 'aria-label': `Comments (${tweet.comments_count})`, title: 'Comments',
      dataset: { testid: 'comments-link' },
    }, el('span', { class: 'icon', 'aria-hidden': 'true' }), el('span', { class: 'count', text: tweet.comments_count })),
    likeButton('tweet', tweet, message));
  if (own) {
    const remove = el('button', { class: 'action delete', type: 'button', text: 'Delete', dataset: { testid: 'delete-tweet' } });
    remove.addEventListener('click', async () => {
      if (!confirm('Delete this tweet? This cannot be undone.')) return;
      message.clear();
      try {
        await busy(remove, () => call('DELETE', `/api/tweets/${tweet.id}/`));
        onDeleted?.(tweet);
      } catch (error) {
        message.show(error);
      }
    });
    actions.append(remove);
  }
  actions.append(message.node);
  return el('article', { class: `tweet${detail ? ' tweet-detail' : ''}`, dataset: { tweetId: tweet.id } },
    el('a', { class: 'tweet-avatar', href: `#/u/${tweet.user.id}`, tabindex: '-1', 'aria-hidden': 'true' }, avatar(tweet.user, detail ? 56 : 44)),
    el('div', { class: 'tweet-body' },
      el('header', { class: 'tweet-head' }, userLink(tweet.user), el('span', { class: 'dot', 'aria-hidden': 'true', text: '·' }),
        el('a', { class: 'tweet-time', href }, timeElement(tweet.created_at))),
      el('p', { class: 'tweet-text', text: tweet.content }),
      photoGrid(tweet.photo_urls, tweet.user),
      actions));
}
