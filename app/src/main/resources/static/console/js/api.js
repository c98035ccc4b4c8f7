// The session (tokens kept in this tab's sessionStorage only) and every call to the Hindsight API:
// the access token goes as a Bearer header; a 401 refreshes the pair once, then ends the session.

const STORE = 'hindsight.console.session';
// How long Sign out waits for the log-out call before it forgets the session anyway.
const SIGN_OUT_WAIT_MS = 2000;
const expiredListeners = [];
let session = load();
let refreshQueue = Promise.resolve();

// A duplicated tab starts with a copy of this tab's sessionStorage, so both hold one refresh token, and the
// server ends a session whose refresh token is used twice. The tabs rotate it one at a time and hand on the
// new pair to the tabs that still hold the old one.
const tabs = 'BroadcastChannel' in self ? new BroadcastChannel(STORE) : null;
tabs?.addEventListener('message', ({ data }) => {
  if (!session || data?.from !== session.refreshToken) {
    return;
  }
  if (data.type === 'rotated') {
    keep(data.tokens);
  } else if (data.type === 'ended') {
    expire();
  }
});

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
    const loggedOut = request('/api/auth/logout', { method: 'POST' }).catch(() => {});
    await Promise.race([loggedOut, new Promise((resolve) => setTimeout(resolve, SIGN_OUT_WAIT_MS))]);
  }
  const ended = session?.refreshToken;
  forget();
  if (ended) {
    tabs?.postMessage({ type: 'ended', from: ended });
  }
}

function expire() {
  forget();
  expiredListeners.forEach((listener) => listener());
}

/** Runs `task` alone among this origin's tabs, or, where Web Locks are missing (plain HTTP), alone in this tab. */
function alone(task) {
  if (navigator.locks) {
    return navigator.locks.request(STORE, task);
  }
  const run = refreshQueue.then(task, task);
  refreshQueue = run.catch(() => {});
  return run;
}

/** Whether the session has a usable pair again after `rejected`, the access token a call was refused with. */
function refresh(rejected) {
  return alone(async () => {
    if (!session) {
      return false;
    }
    if (session.accessToken !== rejected) {
      // another call of this tab, or another tab, rotated the pair while this one waited its turn
      return true;
    }
    const from = session.refreshToken;
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken: from }),
    });
    // signed out meanwhile: the new pair must not bring the session back
    if (!response.ok || session?.refreshToken !== from) {
      return false;
    }
    const tokens = await response.json();
    keep(tokens);
    tabs?.postMessage({ type: 'rotated', from, tokens });
    return true;
  });
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
  const sentWith = session?.accessToken;
  let response = await send(path, options);
  if (response.status === 401 && session) {
    if (await refresh(sentWith)) {
      response = await send(path, options);
    }
    if (response.status === 401) {
      if (session) {
        expire();
      }
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
