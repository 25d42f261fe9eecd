// A tweet's page: the tweet, who liked it, and its comments (add, edit and delete your own).
import { call } from './api.js';
import { el, timeElement, characterCount } from './dom.js';
import { me, displayName } from './session.js';
import { tweetCard, likeButton } from './tweet-card.js';
import { avatar, userLink, field, actionMessage, showFormError, clearFormErrors, busy } from './ui.js';

const commentLength = 140;

/** The likers, as links. */
function likers(likes) {
  if (!likes.length) return null;
  const names = likes.slice(0, 10).map((like, index) => [index ? ', ' : '',
    el('a', { href: `#/u/${like.user.id}`, text: displayName(like.user) })]);
  const more = likes.length > 10 ? ` and ${likes.length - 10} more` : '';
  return el('p', { class: 'likers muted', dataset: { testid: 'likers' } }, 'Liked by ', names, more);
}

/** One comment, with edit and delete for its author. */
function commentView(comment, onDeleted) {
  const message = actionMessage();
  const text = el('p', { class: 'comment-text', text: comment.content });
  const body = el('div', { class: 'comment-body' },
    el('header', { class: 'tweet-head' }, userLink(comment.user), el('span', { class: 'dot', 'aria-hidden': 'true', text: '·' }),
      timeElement(comment.created_at)),
    text);
  const actions = el('div', { class: 'actions' }, likeButton('comment', comment, message));
  if (me()?.id === comment.user.id) {
    const edit = el('button', { class: 'action', type: 'button', text: 'Edit', dataset: { testid: 'edit-comment' } });
    const remove = el('button', { class: 'action delete', type: 'button', text: 'Delete', dataset: { testid: 'delete-comment' } });
    edit.addEventListener('click', () => {
      const input = field({ name: 'content', label: 'Edit comment', type: 'textarea', value: comment.content, attrs: { rows: 2 } });
      const save = el('button', { class: 'button', type: 'submit', text: 'Save' });
      const cancel = el('button', { class: 'button button-quiet', type: 'button', text: 'Cancel' });
      const formMessage = actionMessage();
      const form = el('form', { class: 'edit-comment', novalidate: true }, input.wrapper,
        el('div', { class: 'composer-bar' }, save, cancel, formMessage.node));
      const close = () => {
        form.replaceWith(text);
        actions.hidden = false;
        edit.focus();
      };
      cancel.addEventListener('click', close);
      form.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') close();
      });
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearFormErrors([input], formMessage);
        try {
          const updated = await busy(save, () => call('PUT', `/api/comments/${comment.id}/`, { json: { content: input.control.value } }));
          comment.content = updated.content;
          text.textContent = updated.content;
          close();
        } catch (error) {
          showFormError([input], formMessage, error);
        }
      });
      text.replaceWith(form);
      actions.hidden = true;
      input.control.focus();
    });
    remove.addEventListener('click', async () => {
      if (!confirm('Delete this comment?')) return;
      message.clear();
      try {
        await busy(remove, () => call('DELETE', `/api/comments/${comment.id}/`));
        onDeleted();
      } catch (error) {
        message.show(error);
      }
    });
    actions.append(edit, remove);
  }
  actions.append(message.node);
  body.append(actions);
  return el('article', { class: 'comment', dataset: { commentId: comment.id } },
    el('a', { href: `#/u/${comment.user.id}`, tabindex: '-1', 'aria-hidden': 'true' }, avatar(comment.user, 36)), body);
}

/** The tweet screen. */
export async function tweetScreen(ctx, id) {
  const tweet = await call('GET', `/api/tweets/${id}/`);
  const comments = el('ol', { class: 'comments', 'aria-label': 'Comments' });
  const countNode = el('span', { text: tweet.comments_count });
  const more = el('button', { class: 'button button-quiet', type: 'button', text: 'More comments', hidden: true });
  const moreMessage = actionMessage();
  const shown = new Set();
  let last = null;

  const addComment = (comment) => {
    if (shown.has(comment.id)) return;
    shown.add(comment.id);
    const item = el('li', {});
    item.append(commentView(comment, () => {
      item.remove();
      countNode.textContent = Math.max(0, Number(countNode.textContent) - 1);
    }));
    comments.append(item);
    last = comment;
  };
  const loadComments = async () => {
    moreMessage.clear();
    try {
      const page = await busy(more, () => call('GET', '/api/comments/', { query: { tweet_id: id, created_at__gt: last?.created_at } }));
      page.comments.forEach(addComment);
      more.hidden = !page.has_next_page;
    } catch (error) {
      more.hidden = false;
      moreMessage.show(error);
    }
  };
  more.addEventListener('click', loadComments);

  let form = null;
  if (me()) {
    const input = field({ name: 'content', label: 'Add a comment', type: 'textarea',
      attrs: { rows: 2, placeholder: 'Write a comment', dataset: { testid: 'comment-text' } } });
    const counter = el('span', { class: 'counter' });
    const submit = el('button', { class: 'button', type: 'submit', text: 'Comment', dataset: { testid: 'comment-submit' } });
    const message = actionMessage();
    const update = () => {
      const count = characterCount(input.control.value);
      counter.textContent = `${count} / ${commentLength}`;
      counter.classList.toggle('over', count > commentLength);
      if (!submit.dataset.cooling) submit.disabled = count === 0 || count > commentLength;
    };
    input.control.addEventListener('input', update);
    submit.addEventListener('cooled', update);
    form = el('form', { class: 'card comment-form', novalidate: true }, input.wrapper,
      el('div', { class: 'composer-bar' }, el('span', { class: 'spacer' }), counter, submit), message.node);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFormErrors([input], message);
      try {
        const comment = await busy(submit, () => call('POST', '/api/comments/', { json: { tweet_id: tweet.id, content: input.control.value } }));
        input.control.value = '';
        addComment(comment);
        countNode.textContent = Number(countNode.textContent) + 1;
      } catch (error) {
        showFormError([input], message, error);
      }
      update();
    });
    update();
  } else {
    form = el('p', { class: 'card muted' }, el('a', { href: '#/login', text: 'Log in' }), ' to comment and like.');
  }

  await loadComments();
  return el('div', { class: 'stack' },
    el('h1', { class: 'visually-hidden', text: `Tweet by ${displayName(tweet.user)}` }),
    el('div', { class: 'card' }, tweetCard(tweet, { detail: true, onDeleted: () => { location.hash = '#/'; } }), likers(tweet.likes ?? [])),
    el('section', { class: 'card', 'aria-labelledby': 'comments-title' },
      el('h2', { id: 'comments-title' }, 'Comments (', countNode, ')'),
      comments, more, moreMessage.node),
    form);
}
