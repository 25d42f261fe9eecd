// Edit profile: nickname and avatar, with a preview of the new avatar before it is saved.
import { call } from './api.js';
import { el } from './dom.js';
import { me, setMe } from './session.js';
import { avatar, field, actionMessage, showFormError, clearFormErrors, busy } from './ui.js';

/** The settings screen. */
export async function settingsScreen() {
  const user = me();
  const nickname = field({ name: 'nickname', label: 'Nickname', value: user.nickname ?? '', hint: 'Shown instead of your username.',
    attrs: { autocomplete: 'nickname', dataset: { testid: 'nickname' } } });
  const picture = field({ name: 'avatar', label: 'Avatar', type: 'file',
    attrs: { accept: 'image/jpeg,image/png,image/gif,image/webp', dataset: { testid: 'avatar-file' } },
    hint: 'A JPEG, PNG, GIF or WebP image.' });
  const preview = el('div', { class: 'avatar-preview' }, avatar(user, 88));
  let removeAvatar = false;
  const removeButton = el('button', { class: 'button button-quiet', type: 'button', text: 'Remove avatar', hidden: !user.avatar_url });
  removeButton.addEventListener('click', () => {
    removeAvatar = true;
    picture.control.value = '';
    preview.replaceChildren(avatar({ ...user, avatar_url: null }, 88));
    removeButton.hidden = true;
  });
  picture.control.addEventListener('change', () => {
    const file = picture.control.files[0];
    if (!file) return;
    removeAvatar = false;
    preview.replaceChildren(el('img', { class: 'avatar', src: URL.createObjectURL(file), alt: 'New avatar preview', width: 88, height: 88 }));
  });
  const message = actionMessage();
  const saved = el('p', { class: 'saved', role: 'status' });
  const submit = el('button', { class: 'button', type: 'submit', text: 'Save', dataset: { testid: 'save-profile' } });
  const form = el('form', { class: 'card settings', novalidate: true, 'aria-labelledby': 'settings-title' },
    el('h1', { id: 'settings-title', text: 'Edit profile' }),
    el('div', { class: 'settings-avatar' }, preview, el('div', {}, picture.wrapper, removeButton)),
    nickname.wrapper, message.node,
    el('div', { class: 'composer-bar' }, submit, saved));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors([nickname, picture], message);
    saved.textContent = '';
    const body = new FormData();
    body.append('nickname', nickname.control.value);
    const file = picture.control.files[0];
    if (file) body.append('avatar', file, file.name);
    else if (removeAvatar) body.append('avatar', '');
    try {
      const result = await busy(submit, () => call('PATCH', `/api/profiles/${user.id}/`, { form: body }));
      setMe({ ...me(), nickname: result.nickname, avatar_url: result.avatar });
      picture.control.value = '';
      removeButton.hidden = !result.avatar;
      saved.textContent = 'Saved.';
    } catch (error) {
      showFormError([nickname, picture], message, error);
    }
  });
  return form;
}
