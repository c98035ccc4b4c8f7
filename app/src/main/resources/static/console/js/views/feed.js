import { ApiError, getJson, request } from '../api.js';
import { actorLink, announce, correlationLink, h, instant, objectLink, replaceChildren } from '../dom.js';

const KEPT = 200;
const BACKLOG = 25;

/**
 * The live event feed: the server-sent-event tail of /api/events read with fetch (so the token goes in the
 * Authorization header, never in a URL), resumed after the last position seen on pause, filter change or a
 * dropped connection.
 */
export async function renderFeed(main) {
  let lastPosition = null;
  let types = '';
  let paused = false;
  let controller = null;
  let retryTimer = null;
  let stopped = false;

  const status = h('span', { id: 'feed-status', class: 'status' }, 'Connecting…');
  const typesInput = h('input', {
    id: 'feed-types', type: 'text', placeholder: 'e.g. ProfileChanged, CartCheckedOut', autocomplete: 'off',
  });
  const pauseButton = h('button', { type: 'button', class: 'button', id: 'feed-pause', 'aria-pressed': 'false' }, 'Pause');
  const rows = h('tbody', { id: 'feed-rows' });
  const filterForm = h(
    'form',
    { class: 'feed-controls' },
    h('div', { class: 'field grow' }, h('label', { for: 'feed-types' }, 'Only these event types (comma-separated; empty for all)'),
      h('div', { class: 'inline' }, typesInput, h('button', { type: 'submit', class: 'button' }, 'Apply filter'))),
    h('div', { class: 'field' }, h('span', { class: 'label' }, 'Stream'), h('div', { class: 'inline' }, pauseButton, status)),
  );

  replaceChildren(
    main,
    h('h1', {}, 'Live event feed'),
    h('p', { class: 'lede' }, 'Every event as it is committed, newest first. Pausing keeps your place: resuming continues exactly after the last event shown.'),
    filterForm,
    h('div', { class: 'table-wrap' }, h(
      'table',
      { class: 'feed' },
      h('caption', { class: 'visually-hidden' }, 'Events of the live feed, newest first'),
      h('thead', {}, h('tr', {}, ['Position', 'Time', 'Event', 'Object', 'By', 'Request'].map((name) => h('th', { scope: 'col' }, name)))),
      rows,
    )),
  );

  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    types = typesInput.value.split(',').map((t) => t.trim()).filter(Boolean).join(',');
    replaceChildren(rows);
    announce(types ? `Showing ${types} only` : 'Showing every event type');
    restart();
  });
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.setAttribute('aria-pressed', String(paused));
    if (paused) {
      disconnect();
      setStatus(`Paused after position ${lastPosition ?? '—'}`);
    } else {
      connect();
    }
  });

  function setStatus(text) {
    status.textContent = text;
  }

  function disconnect() {
    window.clearTimeout(retryTimer);
    if (controller) {
      controller.abort();
      controller = null;
    }
  }

  function restart() {
    disconnect();
    if (!paused) {
      connect();
    }
  }

  async function connect() {
    if (stopped) return;
    controller = new AbortController();
    const signal = controller.signal;
    try {
      if (lastPosition === null) {
        const head = await getJson('/api/events/head', { signal });
        lastPosition = Math.max(0, head.position - BACKLOG);
      }
      const query = new URLSearchParams({ after: String(lastPosition) });
      if (types) query.set('types', types);
      const response = await request(`/api/events?${query}`, { accept: 'text/event-stream', signal });
      if (!response.ok) {
        throw new ApiError(response.status, await response.json().catch(() => null));
      }
      setStatus(`Live, after position ${lastPosition}`);
      await readStream(response.body, signal);
      if (!signal.aborted) reconnectSoon('The server closed the stream');
    } catch (error) {
      if (signal.aborted || stopped) return;
      if (error instanceof ApiError && error.status === 400) {
        // asking again cannot help: the filter names no event type
        setStatus(`Not started: ${error.message}`);
        return;
      }
      reconnectSoon(error.message);
    }
  }

  function reconnectSoon(reason) {
    setStatus(`Reconnecting (${reason})…`);
    retryTimer = window.setTimeout(() => { if (!paused) connect(); }, 2000);
  }

  async function readStream(body, signal) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    while (!signal.aborted) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        handleBlock(block);
      }
    }
  }

  function handleBlock(block) {
    let id = null;
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    const event = JSON.parse(data.join('\n'));
    lastPosition = Number(id ?? event.position);
    rows.prepend(row(event));
    while (rows.children.length > KEPT) rows.lastElementChild.remove();
    setStatus(`Live, at position ${lastPosition}`);
  }

  connect();
  return () => {
    stopped = true;
    disconnect();
  };
}

function row(event) {
  return h(
    'tr',
    { class: 'feed-event', dataset: { type: event.type, position: event.position } },
    h('td', { class: 'num' }, event.position),
    h('td', {}, h('time', { datetime: event.timestamp }, instant(event.timestamp))),
    h('td', {}, h('strong', {}, event.type)),
    h('td', {}, event.aggregateId ? objectLink(event.aggregateId, `${event.aggregateType} ${event.aggregateId.slice(0, 8)}…`) : '—'),
    h('td', {}, actorLink(event.actorId)),
    h('td', {}, correlationLink(event.correlationId)),
  );
}
