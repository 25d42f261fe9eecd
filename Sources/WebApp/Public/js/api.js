// The one way the app talks to the server: same-origin fetches of the public REST API with the
// session cookie. Browsers send `Origin` with these POSTs, which is what the CSRF check asks for.

/** A failed call: an HTTP error with the API's message and field errors, or no answer at all. */
export class ApiError extends Error {
  constructor({ status = 0, message, fieldErrors = {}, retryAfter = null, network = false }) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.retryAfter = retryAfter;
    this.network = network;
  }
}

/** Builds `path?query` from an object, leaving out null and undefined values. */
export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls the API. `json` is sent as JSON, `form` (a FormData) as multipart. Resolves with the
 * parsed body; rejects with an `ApiError`.
 */
export async function call(method, path, { query, json, form } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form;
  }
  let response;
  try {
    response = await fetch(withQuery(path, query), init);
  } catch {
    throw new ApiError({ network: true, message: 'Starling cannot be reached. Check your connection and try again.' });
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok) return body ?? {};
  throw errorFrom(response, body);
}

function errorFrom(response, body) {
  const status = response.status;
  const fieldErrors = {};
  for (const [field, messages] of Object.entries(body?.errors ?? {})) {
    fieldErrors[field] = Array.isArray(messages) ? messages.join(' ') : String(messages);
  }
  if (status === 429) {
    const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    const retryAfter = Number.isFinite(seconds) ? seconds : 1;
    return new ApiError({ status, retryAfter, message: `Too many requests. Try again in ${retryAfter} s.` });
  }
  if (status >= 500 || status === 0) {
    return new ApiError({ status, message: 'The server had a problem. Please try again in a moment.' });
  }
  const message = body?.detail ?? body?.message ?? `The request failed (${status}).`;
  return new ApiError({ status, message, fieldErrors });
}

/** Follows `next` links of page-number lists on this origin only. */
export function sameOriginPath(url) {
  const parsed = new URL(url, location.href);
  return parsed.pathname + parsed.search;
}
