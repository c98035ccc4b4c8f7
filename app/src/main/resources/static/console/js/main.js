import { ApiError, getJson, hasSession, onSessionExpired, signIn, signOut } from './api.js';
import { announce, errorBox, h, replaceChildren } from './dom.js';
import { renderSearch } from './views/search.js';
import { renderObject } from './views/object.js';
import { renderCorrelation } from './views/correlation.js';
import { renderFeed } from './views/feed.js';
import { renderProjections } from './views/projections.js';
import { renderCharts } from './views/charts.js';
import { renderLedger } from './views/ledger.js';

const CONSOLE_ROLES = ['ADMIN', 'AUDITOR'];

// section -> [view, roles that may open it]
const ROUTES = {
  search: [renderSearch, CONSOLE_ROLES],
  object: [renderObject, CONSOLE_ROLES],
  correlation: [renderCorrelation, CONSOLE_ROLES],
  feed: [renderFeed, CONSOLE_ROLES],
  projections: [renderProjections, ['ADMIN']],
  charts: [renderCharts, CONSOLE_ROLES],
  ledger: [renderLedger, CONSOLE_ROLES],
};

const main = document.getElementById('main');
let me = null;
let cleanup = null;
// Bumped whenever the view shown is left (another address, signing out, an ended session): a view still
// loading for an older one must neither show itself nor keep running.
let generation = 0;

/** The section, id and parameters of the address; `malformed` when its id is no valid percent-encoding. */
function parseRoute() {
  const hash = window.location.hash;
  const [path, query = ''] = (hash.startsWith('#/') ? hash.slice(2) : 'search').split('?');
  const [section, ...rest] = path.split('/');
  const route = { section: section || 'search', id: null, params: new URLSearchParams(query), malformed: false };
  if (rest.length) {
    try {
      route.id = decodeURIComponent(rest.join('/'));
    } catch (error) {
      if (!(error instanceof URIError)) {
        throw error;
      }
      route.malformed = true;
    }
  }
  return route;
}

function showMalformedAddress() {
  replaceChildren(
    main,
    h('h1', {}, 'Not found'),
    h(
      'p',
      { class: 'notice', id: 'malformed-address' },
      'This address cannot be read: a % in it starts no valid escape (like %20). Check the link, or ',
      h('a', { href: '#/search' }, 'find the object'),
      '.',
    ),
  );
}

export function navigate(hash) {
  if (window.location.hash === hash) {
    route();
  } else {
    window.location.hash = hash;
  }
}

/** Rewrites the address without rendering again, so a reload or a shared link shows the same view. */
export function remember(hash) {
  window.history.replaceState(null, '', hash);
}

function stopCurrentView() {
  generation += 1;
  if (typeof cleanup === 'function') {
    cleanup();
  }
  cleanup = null;
}

async function route() {
  if (window.location.hash && !window.location.hash.startsWith('#/')) {
    return;
  }
  stopCurrentView();
  const mine = generation;
  const current = () => mine === generation;
  if (!hasSession()) {
    showSignIn();
    return;
  }
  if (!me) {
    let caller;
    try {
      caller = await getJson('/api/me');
    } catch (error) {
      if (error instanceof ApiError && current()) {
        replaceChildren(main, errorBox(error));
      }
      return;
    }
    if (!current()) {
      return;
    }
    me = caller;
    showIdentity();
  }
  if (!me.roles.some((role) => CONSOLE_ROLES.includes(role))) {
    replaceChildren(
      main,
      h('h1', {}, 'No access'),
      h('p', { class: 'notice' }, 'This console is for auditors and administrators. Your account has neither role.'),
    );
    return;
  }
  const { section, id, params, malformed } = parseRoute();
  const [view, roles] = ROUTES[section] || ROUTES.search;
  markCurrent(section);
  if (malformed) {
    showMalformedAddress();
    return;
  }
  if (!me.roles.some((role) => roles.includes(role))) {
    replaceChildren(main, h('h1', {}, 'Not for your role'), h('p', { class: 'notice' }, 'Only an ADMIN can open this page.'));
    return;
  }
  const context = {
    me,
    isAdmin: me.roles.includes('ADMIN'),
    navigate,
    remember: (hash) => current() && remember(hash),
  };
  // Each view draws into an element of its own: once it is left, what it still draws lands in a detached element.
  const root = h('div', { class: 'view' });
  replaceChildren(main, root);
  try {
    const stop = await view(root, { id, params }, context);
    if (current()) {
      cleanup = stop;
    } else if (typeof stop === 'function') {
      stop();
    }
  } catch (error) {
    if (current()) {
      root.append(errorBox(error));
    }
  }
}

function markCurrent(section) {
  document.querySelectorAll('#nav a').forEach((link) => {
    const current = link.dataset.section === section || (section === 'object' && link.dataset.section === 'search')
      || (section === 'correlation' && link.dataset.section === 'search');
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
}

function showIdentity() {
  // a member without a console role sees only who is signed in and Sign out, not sections closed to them
  document.getElementById('nav').hidden = !me.roles.some((role) => CONSOLE_ROLES.includes(role));
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = me.name || me.email;
  document.getElementById('who-roles').textContent = me.roles.filter((r) => r !== 'MEMBER').join(' · ');
  document.querySelectorAll('#nav [data-role]').forEach((item) => {
    item.hidden = !me.roles.includes(item.dataset.role);
  });
}

function hideIdentity() {
  me = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
}

function showSignIn(message) {
  hideIdentity();
  const status = h('div', { id: 'sign-in-status' }, message ? h('p', { class: 'notice' }, message) : null);
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
  });
  const submit = h('button', { type: 'submit', class: 'button primary', id: 'sign-in' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', { class: 'muted' }, 'Use your Hindsight account. The console is for auditors and administrators.'),
    status,
    h('div', { class: 'field' }, h('label', { for: 'email' }, 'Email'), email),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
    submit,
  );
  let signingIn = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // a second Enter or click while the first log-in is on its way would open a second session, which
    // signing out (it ends the tab's last one) would leave working
    if (signingIn) {
      return;
    }
    signingIn = true;
    submit.disabled = true;
    replaceChildren(status);
    try {
      await signIn(email.value.trim(), password.value);
      announce('Signed in');
      route();
    } catch (error) {
      const text = error instanceof ApiError && error.status === 401 ? 'Wrong email or password.' : error.message;
      replaceChildren(status, h('p', { class: 'notice error', role: 'alert' }, text));
      password.focus();
    } finally {
      signingIn = false;
      submit.disabled = false;
    }
  });
  replaceChildren(main, form);
  email.focus();
}

document.getElementById('sign-out').addEventListener('click', async () => {
  stopCurrentView();
  await signOut();
  showSignIn('You are signed out.');
});

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

onSessionExpired(() => {
  stopCurrentView();
  showSignIn('Your session has ended. Please sign in again.');
});

window.addEventListener('hashchange', route);
route();
