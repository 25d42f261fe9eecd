// The composer: text with a live count of the 1–280 characters, and up to 9 photos with previews.
import { call } from './api.js';
import { el, characterCount } from './dom.js';
import { me } from './session.js';
import { avatar, field, actionMessage, showFormError, clearFormErrors, busy } from './ui.js';

const maximumLength = 280;
const maximumPhotos = 9;

/** A compose form; `onPosted(tweet)` gets each tweet the server accepted. */
export function composer({ onPosted }) {
  const text = field({
    name: 'content', label: 'What is happening?', type: 'textarea',
    attrs: { rows: 3, placeholder: 'What is happening?', dataset: { testid: 'compose-text' } },
  });
  text.wrapper.querySelector('label').className = 'visually-hidden';
  const photosInput = el('input', {
    id: 'compose-photos', type: 'file', accept: 'image/jpeg,image/png,image/gif,image/webp', multiple: true,
    class: 'visually-hidden', dataset: { testid: 'compose-files' },
  });
  const files = { name: 'files', control: photosInput, error: el('p', { class: 'field-error', role: 'alert' }) };
  const photoLabel = el('label', { for: 'compose-photos', class: 'button button-quiet', title: 'Add up to 9 photos' }, 'Add photos');
  const counter = el('span', { class: 'counter', 'aria-live': 'polite', dataset: { testid: 'compose-count' } });
  const submit = el('button', { class: 'button', type: 'submit', text: 'Post', dataset: { testid: 'compose-submit' } });
  const previews = el('ul', { class: 'previews', 'aria-label': 'Photos to post' });
  const message = actionMessage();
  let chosen = [];

  const update = () => {
    const count = characterCount(text.control.value);
    counter.textContent = `${count} / ${maximumLength}`;
    counter.classList.toggle('over', count > maximumLength);
    counter.setAttribute('aria-label', `${count} of ${maximumLength} characters`);
    if (!submit.dataset.cooling) submit.disabled = count === 0 || count > maximumLength || chosen.length > maximumPhotos;
  };

  const renderPreviews = () => {
    for (const img of previews.querySelectorAll('img')) URL.revokeObjectURL(img.src);
    previews.replaceChildren(...chosen.map((file, index) => el('li', { class: 'preview' },
      el('img', { src: URL.createObjectURL(file), alt: `Photo ${index + 1}: ${file.name}`, width: 96, height: 96 }),
      el('button', {
        type: 'button', class: 'remove', 'aria-label': `Remove photo ${index + 1} (${file.name})`, text: '×',
        onclick: () => {
          chosen.splice(index, 1);
          renderPreviews();
          photoLabel.focus();
        },
      }))));
    files.error.textContent = chosen.length > maximumPhotos ? `Up to ${maximumPhotos} photos; remove ${chosen.length - maximumPhotos}.` : '';
    update();
  };

  photosInput.addEventListener('change', () => {
    chosen = chosen.concat([...photosInput.files]);
    photosInput.value = '';
    renderPreviews();
  });
  text.control.addEventListener('input', update);
  text.control.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });

  const form = el('form', { class: 'card composer', 'aria-label': 'Post a tweet', novalidate: true },
    el('div', { class: 'composer-row' }, avatar(me(), 44), text.wrapper),
    previews, files.error,
    el('div', { class: 'composer-bar' }, photosInput, photoLabel, el('span', { class: 'spacer' }), counter, submit),
    message.node);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors([text, files], message);
    const body = new FormData();
    body.append('content', text.control.value);
    for (const file of chosen) body.append('files', file, file.name);
    try {
      const tweet = await busy(submit, () => call('POST', '/api/tweets/', { form: body }));
      text.control.value = '';
      chosen = [];
      renderPreviews();
      onPosted?.(tweet);
    } catch (error) {
      showFormError([text, files], message, error);
    }
    update();
  });
  submit.addEventListener('cooled', update);
  update();
  return form;
}
