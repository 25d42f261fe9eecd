// A user's page: avatar, nickname, counts, follow/unfollow, and tabs of tweets, followers and followings.
import { call } from './api.js';
import { el } from './dom.js';
import { me, displayName } from './session.js';
import { tweetCard } from './tweet-card.js';
import { avatar, userLink, endlessList, actionMessage, busy } from './ui.js';

/**
 * Whether the viewer follows `userID`. The API has no direct question for it, so the viewer's
 * followings are read (100 at a time, at most 5 pages); past that the button offers "Follow",
 * which is harmless: following twice is not an error.
 */
async function viewerFollows(userID) {
  let cursor = null;
  for (let page = 0; page < 5; page += 1) {
    const result = await call('GET', `/api/friendships/${me().id}/followings/`, { query: { limit: 100, created_at__lt: cursor } });
    if (result.results.some((row) => row.user.id === userID)) return true;
    if (!result.has_next_page || !result.results.length) return false;
    cursor = result.results[result.results.length - 1].created_at;
  }
  return false;
}

/** A follow/unfollow toggle; `onChange(delta)` gets +1 or −1 when the relationship changed. */
export function followButton(user, following, onChange) {
  const message = actionMessage();
  const button = el('button', { class: 'button follow', type: 'button', dataset: { testid: 'follow' } });
  const paint = () => {
    button.textContent = following ? 'Following' : 'Follow';
    button.classList.toggle('button-quiet', following);
    button.setAttribute('aria-pressed', following ? 'true' : 'false');
    button.setAttribute('aria-label', `${following ? 'Unfollow' : 'Follow'} ${displayName(user)}`);
    button.title = following ? 'Unfollow' : 'Follow';
  };
  paint();
  button.addEventListener('click', async () => {
    message.clear();
    if (!me()) {
      location.hash = '#/login';
      return;
    }
    try {
      await busy(button, async () => {
        if (following) {
          const result = await call('POST', `/api/friendships/${user.id}/unfollow/`);
          following = false;
          if (result.deleted) onChange?.(-1);
        } else {
          const result = await call('POST', `/api/friendships/${user.id}/follow/`);
          following = true;
          if (!result.duplicate) onChange?.(1);
        }
      });
    } catch (error) {
      message.show(error);
    }
    paint();
  });
  return el('span', { class: 'follow-wrap' }, button, message.node);
}

/** A row of a followers or followings list. */
function personRow(row) {
  const viewer = me();
  return el('div', { class: 'person' },
    el('a', { href: `#/u/${row.user.id}`, tabindex: '-1', 'aria-hidden': 'true' }, avatar(row.user, 44)),
    userLink(row.user),
    el('span', { class: 'spacer' }),
    viewer && viewer.id !== row.user.id ? followButton(row.user, row.has_followed) : null);
}

/** The user screen; `tab` is "tweets", "followers" or "followings". */
export async function userScreen(ctx, id, tab = 'tweets') {
  const profile = await call('GET', `/api/profiles/${id}/`);
  const user = profile.user;
  const viewer = me();
  const followers = el('strong', { text: profile.followers_count ?? 0, dataset: { testid: 'followers-count' } });
  const followings = el('strong', { text: profile.followings_count ?? 0, dataset: { testid: 'followings-count' } });
  const followersLabel = el('span', { text: Number(followers.textContent) === 1 ? ' follower' : ' followers' });
  let action = null;
  if (viewer && viewer.id === user.id) {
    action = el('a', { class: 'button button-quiet', href: '#/settings', text: 'Edit profile' });
  } else if (viewer) {
    const following = await viewerFollows(user.id);
    action = followButton(user, following, (delta) => {
      followers.textContent = Math.max(0, Number(followers.textContent) + delta);
      followersLabel.textContent = Number(followers.textContent) === 1 ? ' follower' : ' followers';
    });
  }
  const tabLink = (name, label) => el('a', {
    class: 'tab', href: name === 'tweets' ? `#/u/${id}` : `#/u/${id}/${name}`,
    'aria-current': tab === name ? 'page' : null, text: label,
  });

  let list;
  if (tab === 'tweets') {
    list = endlessList({
      label: `Tweets by ${displayName(user)}`, empty: 'No tweets yet.', key: (tweet) => tweet.id,
      render: (tweet) => tweetCard(tweet, { onDeleted: () => list.list.querySelector(`li[data-key="${tweet.id}"]`)?.remove() }),
      fetchPage: async (last) => {
        const page = await call('GET', '/api/tweets/', { query: { user_id: id, max_id: last?.id } });
        return { items: page.results, hasNext: page.has_next_page };
      },
    });
  } else {
    list = endlessList({
      label: tab === 'followers' ? `Followers of ${displayName(user)}` : `People ${displayName(user)} follows`,
      empty: tab === 'followers' ? 'No followers yet.' : 'Not following anyone yet.',
      key: (row) => row.user.id,
      render: personRow,
      fetchPage: async (last) => {
        const page = await call('GET', `/api/friendships/${id}/${tab}/`, { query: { created_at__lt: last?.created_at } });
        return { items: page.results, hasNext: page.has_next_page };
      },
    });
  }
  ctx.onLeave(() => list.stop());
  list.loadMore();

  return el('div', { class: 'stack' },
    el('section', { class: 'card profile', 'aria-labelledby': 'profile-name' },
      avatar(user, 88),
      el('div', { class: 'profile-text' },
        el('h1', { id: 'profile-name', text: displayName(user) }),
        el('p', { class: 'handle', text: `@${user.username}` }),
        el('p', { class: 'counts' },
          el('a', { href: `#/u/${id}/followers` }, followers, followersLabel), ' ',
          el('a', { href: `#/u/${id}/followings` }, followings, ' following'))),
      el('div', { class: 'profile-action' }, action)),
    el('nav', { class: 'tabs', 'aria-label': 'Profile sections' },
      tabLink('tweets', 'Tweets'), tabLink('followers', 'Followers'), tabLink('followings', 'Following')),
    list.root);
}
