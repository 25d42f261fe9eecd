// Pieces every screen uses: avatars, user links, error messages, forms, endless lists.
import { el, clear } from './dom.js';
import { displayName } from './session.js';

/** A round avatar; the initial on a colored disc when the user has none. */
export function avatar(user, size = 40) {
  if (user?.avatar_url) {
    return el('img', {
      class: 'avatar', src: user.avatar_url, alt: `${displayName(user)}'s avatar`,
      width: size, height: size, loading: 'lazy', decoding: 'async',
    });
  }
  const initial = (displayName(user) || '?').trim().charAt(0).toUpperCase() || '?';
  const hue = ((user?.id ?? 0) % 360 + 360) % 360;
  const disc = el('span', { class: 'avatar avatar-initial', 'aria-hidden': 'true', text: initial });
  disc.style.width = disc.style.height = `${size}px`;
  disc.style.fontSize = `${Math.round(size * 0.45)}px`;
  disc.style.backgroundColor = `hsl(${hue} 55% 45%)`;
  return disc;
}

/** The display name and @username, linking to the user's page. */
export function userLink(user) {
  return el('a', { class: 'user-link', href: `#/u/${user.id}` },
    el('span', { class: 'name', text: displayName(user) }),
    el('span', { class: 'handle', text: `@${user.username}` }));
}

/** A message next to an action; empty until `show` is called. */
export function actionMessage() {
  const node = el('span', { class: 'action-error', role: 'alert' });
  return {
    node,
    show(error) {
      node.textContent = typeof error === 'string' ? error : error.message;
    },
    clear() {
      node.textContent = '';
    },
  };
}

/** A whole-screen failure: what went wrong and a retry button, never a blank page. */
export function errorPanel(error, retry) {
  const retryButton = el('button', { class: 'button', type: 'button', text: 'Retry', onclick: retry });
  const panel = el('section', { class: 'error-panel', role: 'alert', dataset: { testid: 'error-panel' } },
    el('h2', { text: error.network ? 'You are offline' : error.status === 429 ? 'Slow down' : 'Something went wrong' }),
    el('p', { text: error.message }),
    retryButton);
  if (error.retryAfter) countDown(retryButton, error.retryAfter);
  return panel;
}

/** Disables `button` for `seconds`, showing the seconds left (a 429's `Retry-After`). */
export function countDown(button, seconds) {
  const label = button.dataset.label ?? button.textContent;
  button.dataset.label = label;
  button.dataset.cooling = 'true';
  let left = seconds;
  button.disabled = true;
  const tick = () => {
    if (left <= 0) {
      delete button.dataset.cooling;
      button.disabled = false;
      button.textContent = label;
      button.dispatchEvent(new Event('cooled'));
      return;
    }
    button.textContent = `${label} (${left} s)`;
    left -= 1;
    setTimeout(tick, 1000);
  };
  tick();
}

/** A labelled input with its own error line, wired with aria-describedby. */
export function field({ name, label, type = 'text', value = '', attrs = {}, hint }) {
  const id = `field-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const control = type === 'textarea'
    ? el('textarea', { id, name, ...attrs })
    : el('input', { id, name, type, ...attrs });
  if (type !== 'file') control.value = value;
  const error = el('p', { class: 'field-error', id: `${id}-error`, role: 'alert' });
  const hintNode = hint ? el('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  control.setAttribute('aria-describedby', [hintNode?.id, error.id].filter(Boolean).join(' '));
  const wrapper = el('div', { class: 'field' }, el('label', { for: id, text: label }), control, hintNode, error);
  return { name, wrapper, control, error };
}

/**
 * Shows an API error on a form: each field's message next to its field, the rest in the
 * form's own message line. Focuses the first field at fault.
 */
export function showFormError(fields, formMessage, error) {
  clearFormErrors(fields, formMessage);
  let first = null;
  const unplaced = [];
  for (const [name, message] of Object.entries(error.fieldErrors ?? {})) {
    const target = fields.find((f) => f.name === name);
    if (target) {
      target.error.textContent = message;
      target.control.setAttribute('aria-invalid', 'true');
      first ??= target.control;
    } else {
      unplaced.push(message);
    }
  }
  if (!first || unplaced.length) formMessage.show(unplaced.length ? unplaced.join(' ') : error.message);
  if (!first && error.status === 400 && /password/i.test(error.message)) first = fields.find((f) => f.name === 'password')?.control;
  first?.focus();
}

/** Clears what `showFormError` showed. */
export function clearFormErrors(fields, formMessage) {
  for (const f of fields) {
    f.error.textContent = '';
    f.control.removeAttribute('aria-invalid');
  }
  formMessage.clear();
}

/** Runs `work` with `button` disabled and busy; a 429 keeps it disabled until the retry time. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } catch (error) {
    if (error.retryAfter) countDown(button, error.retryAfter);
    throw error;
  } finally {
    button.removeAttribute('aria-busy');
    if (!button.dataset.cooling) button.disabled = false;
  }
}

/**
 * An endless list: `fetchPage(cursorItem)` returns `{items, hasNext}` (cursorItem is the last
 * item shown, or null for the first page). Loads the next page when its end scrolls into view,
 * or when "Load more" is pressed (keyboard users). Items are keyed so none shows twice.
 */
export function endlessList({ label, fetchPage, render, key, empty }) {
  const list = el('ul', { class: 'list', 'aria-label': label });
  const status = el('p', { class: 'list-status', role: 'status' });
  const more = el('button', { class: 'button button-quiet load-more', type: 'button', text: 'Load more', hidden: true });
  const root = el('section', { class: 'endless' }, list, status, more);
  const seen = new Set();
  let last = null;
  let hasNext = true;
  let loading = false;

  async function loadMore() {
    if (loading || !hasNext) return;
    loading = true;
    more.hidden = true;
    status.textContent = 'Loading…';
    try {
      const page = await fetchPage(last);
      for (const item of page.items) {
        if (seen.has(key(item))) continue;
        seen.add(key(item));
        list.append(el('li', { class: 'list-item', dataset: { key: String(key(item)) } }, render(item)));
      }
      if (page.items.length) last = page.items[page.items.length - 1];
      hasNext = page.hasNext && page.items.length > 0;
      status.textContent = seen.size === 0 ? empty : hasNext ? '' : seen.size > 5 ? 'You are all caught up.' : '';
      more.hidden = !hasNext;
    } catch (error) {
      clear(status);
      const retry = el('button', { class: 'button button-quiet', type: 'button', text: 'Retry', onclick: () => loadMore() });
      status.append(el('span', { class: 'action-error', text: error.message }), ' ', retry);
      if (error.retryAfter) countDown(retry, error.retryAfter);
    } finally {
      loading = false;
    }
  }

  more.addEventListener('click', loadMore);
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) loadMore();
  }, { rootMargin: '400px' });
  observer.observe(status);

  return {
    root,
    list,
    seen,
    loadMore,
    /**
     * Inserts newer items (any order) where their numeric key puts them, newest first, skipping
     * any already shown. Returns how many were new.
     */
    insert(items) {
      const fresh = items.filter((item) => !seen.has(key(item))).sort((a, b) => key(b) - key(a));
      for (const item of fresh) {
        seen.add(key(item));
        const node = el('li', { class: 'list-item', dataset: { key: String(key(item)) } }, render(item));
        const after = [...list.children].find((li) => Number(li.dataset.key) < key(item));
        list.insertBefore(node, after ?? null);
      }
      if (fresh.length && status.textContent === empty) status.textContent = '';
      return fresh.length;
    },
    stop() {
      observer.disconnect();
    },
  };
}
