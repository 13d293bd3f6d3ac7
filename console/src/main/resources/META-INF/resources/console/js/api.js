// Same-origin calls to the Windshift API through the gateway. The browser never holds an access token: the
// gateway (backend-for-frontend) keeps it in the session; state-changing calls carry the CSRF cookie's value.

/** Where a signed-out person is sent; the gateway's sign-in starts from any console page. */
export const SIGN_IN_URL = '/console/';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  /** The problem+json field errors: [{field, message}]. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

export async function api(path, options = {}) {
  return (await apiResponse(path, options)).data;
}

/** The parsed body and the response headers (paged lists carry X-Total-Count). */
export async function apiResponse(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text }; }
  }
  if (!response.ok) {
    if (response.status === 401) document.dispatchEvent(new CustomEvent('windshift:signed-out'));
    throw new ApiError(response.status, data);
  }
  return { data, headers: response.headers };
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
