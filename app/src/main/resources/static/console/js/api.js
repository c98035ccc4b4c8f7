// The session (tokens kept in this tab's sessionStorage only) and every call to the Hindsight API:
// the access token goes as a Bearer header; a 401 refreshes the pair once, then ends the session.

const STORE = 'hindsight.console.session';
const expiredListeners = [];
let session = load();
let refreshing = null;

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE));
  } catch {
    return null;
  }
}

function keep(tokens) {
  session = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  sessionStorage.setItem(STORE, JSON.stringify(session));
}

function forget() {
  session = null;
  sessionStorage.removeItem(STORE);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
  }
}

export class SessionExpired extends Error {
  constructor() {
    super('Your session has ended. Please sign in again.');
  }
}

export function hasSession() {
  return session != null;
}

export function onSessionExpired(listener) {
  expiredListeners.push(listener);
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export async function signIn(email, password) {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  keep(await response.json());
}

export async function signOut() {
  if (session) {
    // through request(): an access token that expired while the tab sat idle is refreshed first, or the
    // log-out would be refused (401) and the refresh token would go on working for its two weeks
    await request('/api/auth/logout', { method: 'POST' }).catch(() => {});
  }
  forget();
}

function expire() {
  forget();
  expiredListeners.forEach((listener) => listener());
}

async function refresh() {
  if (!refreshing) {
    const refreshToken = session?.refreshToken;
    refreshing = (async () => {
      if (!refreshToken) {
        return false;
      }
      const response = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!response.ok) {
        return false;
      }
      keep(await response.json());
      return true;
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

function send(path, { method = 'GET', body, accept = 'application/json', signal } = {}) {
  const headers = { Accept: accept };
  if (session) {
    headers.Authorization = `Bearer ${session.accessToken}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    cache: 'no-store',
  });
}

/** The raw response; a 401 is answered by one refresh and a retry, then by ending the session. */
export async function request(path, options = {}) {
  let response = await send(path, options);
  if (response.status === 401 && session) {
    if (await refresh()) {
      response = await send(path, options);
    }
    if (response.status === 401) {
      expire();
      throw new SessionExpired();
    }
  }
  return response;
}

/** The JSON body of a successful call, or an ApiError carrying the problem's code. */
export async function getJson(path, options = {}) {
  const response = await request(path, options);
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  return response.status === 204 ? null : response.json();
}

export function postJson(path, body) {
  return getJson(path, { method: 'POST', body });
}

export function remove(path) {
  return getJson(path, { method: 'DELETE' });
}
