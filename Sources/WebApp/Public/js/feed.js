// The home feed: the composer, "new tweets" at the top, older pages below as one scrolls.
import { call } from './api.js';
import { el } from './dom.js';
import { composer } from './compose.js';
import { tweetCard } from './tweet-card.js';
import { endlessList, actionMessage } from './ui.js';

const pollSeconds = 15;
/** The most a refresh without `limit` answers: past it, the feed is reloaded instead (no gap). */
const refreshCap = 800;
/**
 * Fanout to followers is asynchronous, so a tweet can reach this feed a moment after a newer
 * one did. Ids are creation times in microseconds: asking from this far below the newest id
 * shown catches such late arrivals; ids already shown are skipped, so nothing shows twice.
 */
const lateArrivalMicros = 60 * 1_000_000;

/** The home feed screen. */
export function feedScreen(ctx) {
  let newest = 0;
  let pending = [];
  const list = endlessList({
    label: 'Home feed',
    empty: 'Your feed is empty. Follow people to see their tweets here, or post your first tweet.',
    key: (entry) => entry.tweet.id,
    render: (entry) => tweetCard(entry.tweet, { onDeleted: () => remove(entry.tweet.id) }),
    fetchPage: async (last) => {
      const page = await call('GET', '/api/newsfeeds/', { query: { max_id: last?.tweet.id } });
      for (const entry of page.results) newest = Math.max(newest, entry.tweet.id);
      return { items: page.results, hasNext: page.has_next_page };
    },
  });

  const showNew = el('button', { class: 'button new-tweets', type: 'button', hidden: true, dataset: { testid: 'show-new' } });
  const pollMessage = actionMessage();
  showNew.addEventListener('click', () => {
    list.insert(pending);
    pending = [];
    showNew.hidden = true;
    list.list.querySelector('article')?.closest('li')?.scrollIntoView({ block: 'nearest' });
    list.list.querySelector('a[href^="#/t/"]')?.focus();
  });

  function remove(id) {
    list.list.querySelector(`li[data-key="${id}"]`)?.remove();
  }

  async function poll() {
    if (document.hidden) return;
    try {
      const query = { since_id: newest ? Math.max(1, newest - lateArrivalMicros) : 1 };
      const page = await call('GET', '/api/newsfeeds/', { query });
      pollMessage.clear();
      if (page.results.length >= refreshCap) {
        ctx.reload();
        return;
      }
      const known = new Set(pending.map((entry) => entry.tweet.id));
      const fresh = page.results.filter((entry) => !list.seen.has(entry.tweet.id) && !known.has(entry.tweet.id));
      for (const entry of fresh) newest = Math.max(newest, entry.tweet.id);
      if (list.seen.size === 0) {
        list.insert(fresh);
        return;
      }
      pending = pending.concat(fresh);
      if (pending.length) {
        showNew.hidden = false;
        showNew.textContent = pending.length === 1 ? 'Show 1 new tweet' : `Show ${pending.length} new tweets`;
      }
    } catch (error) {
      if (error.network || error.status >= 500) pollMessage.show(`${error.message} New tweets will appear when it is back.`);
    }
  }

  const timer = setInterval(poll, pollSeconds * 1000);
  const onFocus = () => poll();
  window.addEventListener('focus', onFocus);
  ctx.onLeave(() => {
    clearInterval(timer);
    window.removeEventListener('focus', onFocus);
    list.stop();
  });

  const compose = composer({
    onPosted: (tweet) => {
      newest = Math.max(newest, tweet.id);
      list.insert([{ tweet, created_at: tweet.created_at }]);
    },
  });
  list.loadMore();
  return el('div', { class: 'stack' },
    el('h1', { class: 'visually-hidden', text: 'Home' }),
    compose,
    el('div', { class: 'new-bar' }, showNew, pollMessage.node),
    list.root);
}
