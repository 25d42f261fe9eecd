// Building elements. User content only ever enters the page as text nodes or attribute values
// set through the DOM, never as markup: there is no innerHTML anywhere in the app.

/** Creates `tag` with properties and children; strings and numbers become text nodes. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children, flattening arrays and skipping null/undefined/false. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Removes every child of `node`. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

const minute = 60, hour = 3600, day = 86400;

/** "just now", "3 min ago", "5 h ago", "2 d ago", then the date. */
export function relativeTime(iso, now = Date.now()) {
  const then = new Date(iso).getTime();
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) return 'just now';
  if (seconds < hour) return `${Math.max(1, Math.round(seconds / minute))} min ago`;
  if (seconds < day) return `${Math.round(seconds / hour)} h ago`;
  if (seconds < 7 * day) return `${Math.round(seconds / day)} d ago`;
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** The exact local time, for the hover title. */
export function exactTime(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'medium' });
}

/** A `<time>` showing the relative time, the exact time on hover; kept fresh by `refreshTimes`. */
export function timeElement(iso) {
  return el('time', { datetime: iso, title: exactTime(iso), class: 'reltime', text: relativeTime(iso) });
}

/** Updates every relative time on the page. */
export function refreshTimes() {
  for (const node of document.querySelectorAll('time.reltime')) {
    node.textContent = relativeTime(node.getAttribute('datetime'));
  }
}

/** Characters as a person counts them (grapheme clusters), after trimming. */
export function characterCount(text) {
  const trimmed = text.trim();
  if (typeof Intl !== 'undefined' && Intl.Segmenter) {
    let count = 0;
    for (const _ of new Intl.Segmenter().segment(trimmed)) count += 1;
    return count;
  }
  return [...trimmed].length;
}
