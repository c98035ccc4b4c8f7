import { ApiError, getJson } from '../api.js';
import {
  actorLink, announce, compareInstants, correlationLink, errorBox, fromInputValue, h, instant, replaceChildren, section,
  shown, table, toInputValue,
} from '../dom.js';
import { kindOf } from '../kinds.js';

/** The most profile-history segments, and audited events, the API answers at once. */
const HISTORY_PAGE = 1000;
const EVENTS_PAGE = 1000;
/** How many events the timeline shows at once: a long history's every event in the page made the browser crawl. */
const TIMELINE_WINDOW = 100;

/**
 * One object: its timeline (every event with actor, time, request and changed fields) and its state at a
 * chosen instant - valid time ("as of") for every object, and recorded time ("as known at") for the
 * bitemporal account profile.
 */
export async function renderObject(main, { id, params }, { remember }) {
  let events;
  try {
    events = await eventsOf(id, (loaded) => replaceChildren(
      main,
      h('p', { class: 'notice', id: 'timeline-loading', role: 'status' }, `Loading the timeline: ${loaded} events so far…`),
    ));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      replaceChildren(main, h('h1', {}, 'Not found'), h('p', { class: 'notice' }, `No object has the id ${id}.`));
      return undefined;
    }
    throw error;
  }
  const kind = kindOf(events[0]?.aggregateType);
  const state = {
    asOf: params.get('asOf'),
    knownAt: params.get('knownAt'),
    // how many events the slider or "State after this event" chose; null when the instant alone decides
    after: null,
  };
  state.after = chosenAfter(params.get('after'));
  const histories = new Map();
  let historyShown;

  const title = h('span', { id: 'object-title' });
  const slider = h('input', {
    id: 'asof-slider', type: 'range', min: 0, max: events.length, step: 1, value: events.length,
  });
  const sliderText = h('output', { id: 'asof-slider-text', for: 'asof-slider' });
  const sameInstant = h('p', { class: 'notice warn', id: 'asof-same-instant', hidden: true });
  const asOfInput = h('input', { id: 'asof-at', type: 'datetime-local', step: '0.001' });
  const knownAtInput = h('input', { id: 'known-at', type: 'datetime-local', step: '0.001' });
  const nowButton = h('button', { type: 'button', class: 'button quiet', id: 'asof-now' }, 'Back to now');
  const stateBox = h('div', { id: 'state', 'aria-live': 'polite' });
  const historyBox = h('div', { id: 'profile-history' });
  const timeline = h(
    'ol',
    { class: 'timeline', id: 'timeline', 'aria-label': `Events of this ${kind.label.toLowerCase()}, oldest first` },
  );
  // where the timeline's window starts, and which chosen event it last moved to
  let windowStart = 0;
  let windowFollows = null;
  // the window's pages, above the list and again below it, where a reader of a hundred events arrives
  const windowTexts = [];
  const windowButtons = { first: [], earlier: [], later: [], last: [] };
  const windowNavigation = (where) => {
    const button = (label, step, start) => {
      const element = h(
        'button',
        { type: 'button', class: 'button quiet small', id: where === 'top' ? `timeline-${step}` : null, dataset: { step } },
        label,
      );
      element.addEventListener('click', () => {
        showWindow(start());
        timeline.closest('section').scrollIntoView({ block: 'start' });
      });
      windowButtons[step].push(element);
      return element;
    };
    const text = h('span', { id: where === 'top' ? 'timeline-window-text' : null, class: 'window-text' });
    windowTexts.push(text);
    return h(
      'nav',
      { class: 'timeline-window', 'aria-label': `Timeline pages (${where})` },
      button('« First', 'first', () => 0),
      button('‹ Earlier', 'earlier', () => windowStart - TIMELINE_WINDOW),
      text,
      button('Later ›', 'later', () => windowStart + TIMELINE_WINDOW),
      button('Last »', 'last', () => events.length - 1),
    );
  };
  const paged = events.length > TIMELINE_WINDOW;
  const windowAbove = paged ? windowNavigation('top') : null;
  const windowBelow = paged ? windowNavigation('bottom') : null;

  const controls = h(
    'form',
    { class: 'time-controls', id: 'time-controls' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'asof-slider' }, 'As of (valid time): step through the events'),
      slider,
      sliderText,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'asof-at' }, 'As of, exact instant (UTC)'),
      asOfInput,
    ),
    kind.profile
      ? h(
        'div',
        { class: 'field' },
        h('label', { for: 'known-at' }, 'As known at (recorded time, UTC)'),
        knownAtInput,
        h('p', { class: 'hint', id: 'known-at-hint' }, 'What the system believed then: corrections recorded later are left out.'),
      )
      : null,
    nowButton,
  );
  controls.addEventListener('submit', (event) => event.preventDefault());

  replaceChildren(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('p', { class: 'eyebrow' }, kind.label),
      h('h1', {}, title),
      h('p', { class: 'mono muted', id: 'object-id' }, id),
    ),
    h(
      'div',
      { class: 'object-layout' },
      h(
        'div',
        { class: 'object-side' },
        section('Time', controls),
        section('State at the chosen time', sameInstant, stateBox),
      ),
      h(
        'div',
        { class: 'object-main' },
        section(`Timeline (${events.length} event${events.length === 1 ? '' : 's'})`, windowAbove, timeline, windowBelow),
      ),
    ),
    kind.profile ? section('Profile history', historyBox) : null,
  );

  /** How many events had happened by the instant, those at it included: what the server's state is after. */
  function countBy(asOf) {
    if (!asOf) {
      return events.length;
    }
    return events.filter((event) => compareInstants(event.timestamp, asOf) <= 0).length;
  }

  /** The instant to ask for the state after the first `count` events (the server answers by instant only). */
  function instantAfter(count) {
    if (count === 0) {
      return new Date(Date.parse(events[0].timestamp) - 1).toISOString();
    }
    return events[count - 1].timestamp;
  }

  /** The count is kept as chosen: events sharing an instant would make the instant give back another one. */
  function choose(count) {
    const now = count >= events.length;
    state.after = now ? null : count;
    state.asOf = now ? null : instantAfter(count);
    update();
  }

  /** A count from the address (a reload, a shared link) holds only if the address's instant is the one it asks. */
  function chosenAfter(value) {
    if (!state.asOf || !/^\d+$/.test(value ?? '')) {
      return null;
    }
    const count = Number(value);
    return count < events.length && compareInstants(instantAfter(count), state.asOf) === 0 ? count : null;
  }

  function historyKnownAt(knownAt) {
    const key = knownAt ?? '';
    if (!histories.has(key)) {
      histories.set(key, profileHistory(id, knownAt).catch((error) => {
        histories.delete(key);
        throw error;
      }));
    }
    return histories.get(key);
  }

  slider.addEventListener('input', () => choose(Number(slider.value)));
  asOfInput.addEventListener('change', () => {
    state.asOf = fromInputValue(asOfInput.value);
    state.after = null;
    update();
  });
  knownAtInput.addEventListener('change', () => {
    state.knownAt = fromInputValue(knownAtInput.value);
    update();
  });
  nowButton.addEventListener('click', () => {
    state.asOf = null;
    state.after = null;
    state.knownAt = null;
    update();
  });

  /** Shows the window of events holding event `first` (counted from 0). */
  function showWindow(first) {
    windowStart = Math.max(0, Math.min(first, events.length - 1));
    windowStart -= windowStart % TIMELINE_WINDOW;
    const start = windowStart;
    const shownEvents = events.slice(start, start + TIMELINE_WINDOW);
    replaceChildren(timeline, shownEvents.map((event, i) => eventItem(event, start + i, () => {
      choose(start + i + 1);
      stateBox.closest('section').scrollIntoView({ block: 'nearest' });
    })));
    windowTexts.forEach((text) => {
      text.textContent = `Events ${start + 1}–${start + shownEvents.length} of ${events.length}`;
    });
    const atEnd = start + TIMELINE_WINDOW >= events.length;
    [...windowButtons.first, ...windowButtons.earlier].forEach((button) => { button.disabled = start === 0; });
    [...windowButtons.later, ...windowButtons.last].forEach((button) => { button.disabled = atEnd; });
    markTimeline();
  }

  let chosen = { index: events.length, applied: events.length };
  function markTimeline() {
    const { index, applied } = chosen;
    timeline.querySelectorAll('li.event').forEach((item, shownIndex) => {
      const i = windowStart + shownIndex;
      const unknown = kind.profile && state.knownAt !== null && compareInstants(events[i].timestamp, state.knownAt) > 0;
      const future = i >= index;
      item.classList.toggle('future', future || unknown);
      const note = item.querySelector('.future-note');
      note.hidden = !future && !unknown;
      note.textContent = futureNote(future, unknown, i < applied);
    });
  }

  let generation = 0;
  async function update() {
    const mine = ++generation;
    const applied = countBy(state.asOf);
    const index = state.after ?? applied;
    chosen = { index, applied };
    // the window moves to the last event the chosen state includes when the choice changes, not when paged by hand
    if (windowFollows !== index) {
      windowFollows = index;
      showWindow(Math.max(index - 1, 0));
    } else {
      markTimeline();
    }
    slider.value = String(index);
    const text = state.asOf
      ? `${instant(state.asOf)} — after ${index} of ${events.length} events`
      : `Now — after all ${events.length} events`;
    sliderText.textContent = text;
    slider.setAttribute('aria-valuetext', text);
    sameInstant.hidden = applied <= index;
    sameInstant.textContent = applied > index ? sameInstantText(index, applied, state.asOf) : '';
    asOfInput.value = toInputValue(state.asOf);
    knownAtInput.value = toInputValue(state.knownAt);
    const query = new URLSearchParams();
    if (state.asOf) query.set('asOf', state.asOf);
    if (state.knownAt) query.set('knownAt', state.knownAt);
    const address = new URLSearchParams(query);
    if (state.after !== null && state.after !== applied) address.set('after', String(state.after));
    remember(`#/object/${encodeURIComponent(id)}${address.toString() ? `?${address}` : ''}`);
    try {
      const [views, profile, history] = await Promise.all([
        getJson(`/api/audit/aggregates/${encodeURIComponent(id)}/state${state.asOf ? `?asOf=${encodeURIComponent(state.asOf)}` : ''}`),
        kind.profile ? getJson(`/api/admin/users/${encodeURIComponent(id)}?${query}`).catch(notFoundAsNull) : null,
        kind.profile ? historyKnownAt(state.knownAt).catch(notFoundAsNull) : null,
      ]);
      if (mine !== generation) {
        return;
      }
      replaceChildren(title, titleOf(kind, profile, views, id));
      replaceChildren(stateBox, kind.profile ? profileView(profile) : null, viewsOf(views, kind.profile));
      if (kind.profile && history !== historyShown) {
        historyShown = history;
        replaceChildren(historyBox, historyTable(history));
      }
      announce(state.asOf
        ? `State as of ${instant(state.asOf)}${applied > index ? `, after event ${applied}: events share that instant` : ''}`
        : 'Current state');
    } catch (error) {
      if (mine === generation) {
        replaceChildren(stateBox, errorBox(error));
      }
    }
  }

  await update();
  return undefined;
}

/**
 * Every event of the object with what it changed, a page at a time so a long history shows its progress; a page
 * shorter than asked is the last, and the next one starts after the last sequence read.
 */
async function eventsOf(id, progress) {
  const events = [];
  for (;;) {
    const from = events.length ? events[events.length - 1].sequence + 1 : 0;
    const query = new URLSearchParams({ offset: String(from), limit: String(EVENTS_PAGE) });
    const page = await getJson(`/api/audit/aggregates/${encodeURIComponent(id)}/events?${query}`);
    events.push(...page);
    if (page.length < EVENTS_PAGE) {
      return events;
    }
    progress(events.length);
  }
}

/** Every segment of the profile history as known at `knownAt`, page after page until a short one. */
async function profileHistory(id, knownAt, pageSize = HISTORY_PAGE) {
  const segments = [];
  for (;;) {
    const query = new URLSearchParams({ offset: String(segments.length), limit: String(pageSize) });
    if (knownAt) query.set('knownAt', knownAt);
    const page = await getJson(`/api/admin/users/${encodeURIComponent(id)}/history?${query}`);
    segments.push(...page);
    if (page.length < pageSize) {
      return segments;
    }
  }
}

function sameInstantText(index, applied, asOf) {
  const others = applied - index === 1 ? `Event #${applied} has` : `Events #${index + 1} to #${applied} have`;
  return `${others} the same instant as event #${index} (${instant(asOf)}). The state is looked up by instant, `
    + `so it is shown after event #${applied}.`;
}

function futureNote(future, unknown, shownAnyway) {
  if (future && shownAnyway) {
    return 'After the chosen event, at the same instant: the state shown includes it.';
  }
  if (unknown && !future) {
    return 'Not yet recorded at the chosen “known at” time.';
  }
  return 'Not yet happened at the chosen time.';
}

function notFoundAsNull(error) {
  if (error instanceof ApiError && error.status === 404) {
    return null;
  }
  throw error;
}

function titleOf(kind, profile, views, id) {
  if (profile) {
    return profile.name ?? (erased(profile) ? `Account ${id} (personal data erased)` : `Account ${id}`);
  }
  for (const view of Object.values(views || {})) {
    if (view && typeof view === 'object') {
      const name = view.name || view.title || view.orderNumber;
      if (name) {
        return String(name);
      }
    }
  }
  return `${kind.label} ${id.length > 20 ? `${id.slice(0, 8)}…` : id}`;
}

/** Erasure leaves its marker, null, in every personal field; an account always has a name otherwise. */
function erased(profile) {
  return profile.name === null && profile.email === null;
}

function eventItem(event, index, showAfter) {
  const changes = event.changes || [];
  return h(
    'li',
    { class: 'event', id: `event-${event.sequence}`, dataset: { type: event.type } },
    h(
      'div',
      { class: 'event-head' },
      h('span', { class: 'seq', 'aria-label': `Event ${index + 1}` }, `#${index + 1}`),
      h('strong', { class: 'event-type' }, event.type),
      h('time', { datetime: event.timestamp }, instant(event.timestamp)),
    ),
    h(
      'p',
      { class: 'event-meta' },
      'by ', actorLink(event.actorId), ' · request ', correlationLink(event.correlationId),
    ),
    event.unreadable
      ? h('p', { class: 'notice warn unreadable' }, `${event.unreadable}: what it changed is not known.`)
      : changes.length
      ? table(
        { text: `Fields changed by ${event.type}` },
        ['Field', 'Before', 'After'],
        changes.map((change) => h(
          'tr',
          {},
          h('th', { scope: 'row', class: 'mono' }, change.field),
          h('td', { class: 'before' }, shown(change.from)),
          h('td', { class: 'after' }, shown(change.to)),
        )),
      )
      : h('p', { class: 'muted' }, 'No business field changed.'),
    h(
      'div',
      { class: 'event-foot' },
      h('details', {}, h('summary', {}, 'Payload'), h('pre', { class: 'json' }, JSON.stringify(event.payload, null, 2))),
      h('button', { type: 'button', class: 'button quiet small', onclick: showAfter }, 'State after this event'),
    ),
    h('p', { class: 'future-note muted', hidden: true }, 'Not yet happened at the chosen time.'),
  );
}

function profileView(profile) {
  if (!profile) {
    return h('p', { class: 'notice' }, 'The account did not exist then.');
  }
  const rows = [
    ['Name', profile.name, 'profile-name'],
    ['Nickname', profile.nickname, 'profile-nickname'],
    ['Gender', profile.gender, 'profile-gender'],
    ['Email', profile.email, 'profile-email'],
    ['Roles', (profile.roles || []).join(', '), 'profile-roles'],
    ['Status', profile.status, 'profile-status'],
    ['Signed up', instant(profile.signedUpAt), 'profile-signed-up'],
  ];
  return [
    erased(profile)
      ? h('p', { class: 'notice', id: 'profile-erased' }, 'This account’s personal data was erased: its name, nickname, gender and email read as empty.')
      : null,
    h(
      'dl',
      { class: 'facts', id: 'profile' },
      rows.map(([name, value, elementId]) => [h('dt', {}, name), h('dd', { id: elementId }, value ?? '—')]),
    ),
  ];
}

function viewsOf(views, collapsed) {
  const entries = Object.entries(views || {});
  const body = entries.map(([model, view]) => h(
    'div',
    { class: 'model', dataset: { model } },
    h('h3', {}, model),
    view === null ? h('p', { class: 'muted' }, 'Not yet created then.') : facts(view),
  ));
  if (collapsed) {
    return h('details', { class: 'read-models' }, h('summary', {}, 'Read models at that instant'), body);
  }
  return body;
}

function facts(view) {
  const rows = [];
  flatten('', view, rows);
  return h('dl', { class: 'facts' }, rows.map(([name, value]) => [h('dt', { class: 'mono' }, name), h('dd', {}, value)]));
}

function flatten(prefix, value, rows) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      flatten(prefix ? `${prefix}.${key}` : key, inner, rows);
    }
  } else if (Array.isArray(value) && value.length > 0 && value.length <= 20 && value.every((v) => v && typeof v === 'object')) {
    value.forEach((inner, i) => flatten(`${prefix}[${i}]`, inner, rows));
  } else {
    rows.push([prefix, shown(value)]);
  }
}

function historyTable(history) {
  if (!history || history.length === 0) {
    return h('p', { class: 'muted' }, 'No profile versions.');
  }
  return table(
    { text: 'Profile versions: valid from/to (valid time), recorded at (recorded time)' },
    ['Valid from', 'Valid to', 'Recorded at', 'Name', 'Nickname', 'Gender', 'By'],
    history.map((version) => h(
      'tr',
      {},
      h('td', {}, instant(version.validFrom)),
      h('td', {}, version.validTo ? instant(version.validTo) : 'open'),
      h('td', {}, instant(version.recordedAt)),
      h('td', {}, version.name ?? '—'),
      h('td', {}, version.nickname ?? '—'),
      h('td', {}, version.gender ?? '—'),
      h('td', {}, actorLink(version.changedBy)),
    )),
  );
}
