import { ApiError, getJson, postJson, remove } from '../api.js';
import { announce, errorBox, h, instant, objectLink, replaceChildren, section, shortId, table } from '../dom.js';

const REFRESH_MS = 5000;
const RUNNING = ['PAUSING', 'REBUILDING', 'VERIFYING'];

/** Projections (position, lag, status), verified replays, and dead letters with retry and evict. ADMIN only. */
export async function renderProjections(main) {
  const list = h('div', { id: 'projection-list' });
  const summary = h('p', { id: 'projection-summary', class: 'summary' });
  const replayBox = h('div', { id: 'replay', 'aria-live': 'polite' });
  const replaySection = section('Replay', replayBox);
  replaySection.hidden = true;
  const lettersBox = h('div', { id: 'dead-letters' });
  const lettersStatus = h('div', { id: 'dead-letter-status', 'aria-live': 'polite' });
  let timer = null;
  let watching = null;
  let stopped = false;

  replaceChildren(
    main,
    h('h1', {}, 'Projections'),
    h('p', { class: 'lede' }, 'Each read model is a fold of the events. A verified replay rebuilds one from the first event beside the live tables and compares them row by row.'),
    summary,
    replaySection,
    section('Dead letters', lettersStatus, lettersBox),
    section('Status', list),
  );

  async function refresh() {
    try {
      const [projections, letters] = await Promise.all([
        getJson('/api/admin/projections'),
        getJson('/api/admin/dead-letters?limit=100'),
      ]);
      if (stopped) return;
      replaceChildren(summary, summaryOf(projections, letters.total));
      replaceChildren(list, projectionTable(projections, startReplay));
      replaceChildren(lettersBox, letterTable(letters, retry, evict));
    } catch (error) {
      replaceChildren(list, errorBox(error));
    }
  }

  async function startReplay(name) {
    try {
      const status = await postJson(`/api/admin/projections/${encodeURIComponent(name)}/replay`);
      announce(`Replay of ${name} started`);
      watch(name, status);
    } catch (error) {
      // the section stays hidden until a first replay is watched: a refusal (409 REPLAY_IN_PROGRESS when
      // another admin started one since the last refresh) must show it, or the button seems to do nothing
      replaySection.hidden = false;
      replaceChildren(replayBox, errorBox(error));
      replaySection.scrollIntoView({ block: 'nearest' });
      refresh();
    }
  }

  function watch(name, first) {
    window.clearTimeout(watching);
    const show = (status) => replaceChildren(replayBox, replayView(status));
    replaySection.hidden = false;
    show(first);
    replaySection.scrollIntoView({ block: 'nearest' });
    const poll = async () => {
      try {
        const status = await getJson(`/api/admin/projections/${encodeURIComponent(name)}/replay`);
        if (stopped) return;
        show(status);
        if (RUNNING.includes(status.state)) {
          watching = window.setTimeout(poll, 700);
        } else {
          announce(status.state === 'COMPLETED'
            ? `Replay of ${name} completed: ${status.verified ? 'verified, identical' : `${status.differenceCount} differences`}`
            : `Replay of ${name} failed`);
          refresh();
        }
      } catch (error) {
        replaceChildren(replayBox, errorBox(error));
      }
    };
    watching = window.setTimeout(poll, 500);
  }

  async function retry(letter) {
    try {
      const outcome = await postJson(`/api/admin/dead-letters/${encodeURIComponent(letter.id)}/retry`);
      const text = outcome.succeeded
        ? `Retried ${letter.eventType} of ${shortId(letter.aggregateId)}: handled. ${outcome.deadLettersLeft} dead letters left in ${outcome.projection}.`
        : `Retried ${letter.eventType} of ${shortId(letter.aggregateId)}: it failed again and stays parked.`;
      replaceChildren(lettersStatus, h('p', { class: `notice ${outcome.succeeded ? 'ok' : 'error'}`, id: 'retry-outcome' }, text));
    } catch (error) {
      replaceChildren(lettersStatus, errorBox(error));
    }
    refresh();
  }

  async function evict(letter) {
    if (!window.confirm(`Evict this ${letter.eventType} for good? A later replay would include the event again.`)) {
      return;
    }
    try {
      await remove(`/api/admin/dead-letters/${encodeURIComponent(letter.id)}`);
      replaceChildren(lettersStatus, h('p', { class: 'notice ok' }, `Evicted ${letter.eventType} of ${shortId(letter.aggregateId)}.`));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        replaceChildren(lettersStatus, errorBox(error));
      }
    }
    refresh();
  }

  await refresh();
  const loop = () => {
    timer = window.setTimeout(async () => {
      await refresh();
      if (!stopped) loop();
    }, REFRESH_MS);
  };
  loop();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    window.clearTimeout(watching);
  };
}

function summaryOf(projections, deadLetters) {
  const behind = projections.filter((p) => p.lag > 0);
  const stopped = projections.filter((p) => p.status !== 'RUNNING' && p.status !== 'REPLAYING');
  const parts = [
    h('strong', {}, `${projections.length} projections`),
    behind.length === 0
      ? h('span', { class: 'good' }, 'all caught up')
      : h('span', { class: 'warn' }, `${behind.length} behind (up to ${Math.max(...behind.map((p) => p.lagSeconds))} s)`),
    stopped.length ? h('span', { class: 'warn' }, `${stopped.length} not running`) : null,
    deadLetters === 0 ? h('span', { class: 'good' }, 'no dead letters')
      : h('span', { class: 'warn' }, `${deadLetters} dead letter${deadLetters === 1 ? '' : 's'}`),
  ].filter(Boolean);
  return parts.flatMap((part, i) => (i === 0 ? [part] : [' · ', part]));
}

function projectionTable(projections, startReplay) {
  return table(
    { text: 'Projections with their position, lag and state' },
    ['Projection', 'Status', 'Position', 'Lag (events)', 'Lag (seconds)', 'Dead letters', 'Last replay', ''],
    projections.map((p) => h(
      'tr',
      { dataset: { projection: p.name } },
      h('th', { scope: 'row', class: 'mono' }, p.name),
      h('td', {}, h('span', { class: `badge state-${p.status.toLowerCase()}` }, p.status)),
      h('td', { class: 'num' }, p.position),
      h('td', { class: `num ${p.lag > 0 ? 'warn' : ''}` }, p.lag),
      h('td', { class: `num ${p.lagSeconds > 5 ? 'warn' : ''}` }, p.lagSeconds ?? '—'),
      h('td', { class: `num ${p.deadLetters > 0 ? 'warn' : ''}` }, p.deadLetters),
      h('td', {}, p.lastReplay === 'NEVER_RUN' ? '—' : p.lastReplay),
      h('td', {}, h('button', {
        type: 'button', class: 'button small', onclick: () => startReplay(p.name),
        'aria-label': `Replay ${p.name}`, disabled: p.status === 'REPLAYING',
      }, 'Replay')),
    )),
  );
}

function replayView(status) {
  const verdict = status.state === 'COMPLETED'
    ? (status.verified
      ? h('p', { class: 'notice ok', id: 'replay-verdict' }, 'Verified: the rebuilt read model is identical to the live one.')
      : h('p', { class: 'notice warn', id: 'replay-verdict' },
        `${status.differenceCount} difference${status.differenceCount === 1 ? '' : 's'}: the rebuilt rows (the true fold of the events) replaced the live ones.`))
    : status.state === 'FAILED'
      ? h('p', { class: 'notice error', id: 'replay-verdict' }, `Failed: ${status.error}. The live read model is untouched.`)
      : h('p', { class: 'notice' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ` ${status.state.toLowerCase()}…`);
  return h(
    'div',
    { class: 'replay', dataset: { state: status.state } },
    h('h3', {}, status.projection),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'State'), h('dd', { id: 'replay-state' }, status.state),
      h('dt', {}, 'Strategy'), h('dd', {}, status.strategy ?? '—'),
      h('dt', {}, 'Events processed'), h('dd', {}, status.processed),
      h('dt', {}, 'Up to position'), h('dd', {}, status.position ?? '—'),
      h('dt', {}, 'Started'), h('dd', {}, instant(status.startedAt)),
      h('dt', {}, 'Finished'), h('dd', {}, instant(status.finishedAt)),
    ),
    verdict,
    status.differences?.length
      ? table(
        { text: 'Rows that differed: live before, rebuilt after', visible: true },
        ['Row', 'Live (before)', 'Rebuilt (after)'],
        status.differences.map((d) => h('tr', {}, h('th', { scope: 'row', class: 'mono' }, d.key),
          h('td', { class: 'mono before' }, d.before ?? '∅'), h('td', { class: 'mono after' }, d.after ?? '∅'))),
      )
      : null,
  );
}

function letterTable(page, retry, evict) {
  if (page.items.length === 0) {
    return h('p', { class: 'muted', id: 'no-dead-letters' }, 'No dead letters: every projection handled every event.');
  }
  return table(
    { text: `Dead letters (${page.total})` },
    ['Projection', 'Event', 'Object', 'Parked', 'Error', ''],
    page.items.map((letter) => h(
      'tr',
      { class: 'dead-letter', dataset: { id: letter.id, aggregate: letter.aggregateId || '' } },
      h('td', { class: 'mono' }, letter.projection),
      h('td', {}, letter.eventType, letter.aggregateSequence !== null ? ` #${letter.aggregateSequence + 1}` : ''),
      h('td', {}, letter.aggregateId ? objectLink(letter.aggregateId) : '—'),
      h('td', {}, letter.enqueuedAt ? instant(letter.enqueuedAt) : '—'),
      h('td', { class: 'error-text' }, h('span', { class: 'mono' }, letter.causeType?.split('.').pop() ?? ''), ' ', letter.causeMessage ?? ''),
      h(
        'td',
        { class: 'actions' },
        h('button', { type: 'button', class: 'button small', onclick: () => retry(letter), 'aria-label': `Retry ${letter.eventType} of ${letter.aggregateId}` }, 'Retry'),
        h('button', { type: 'button', class: 'button small danger', onclick: () => evict(letter), 'aria-label': `Evict ${letter.eventType} of ${letter.aggregateId}` }, 'Evict'),
      ),
    )),
  );
}
