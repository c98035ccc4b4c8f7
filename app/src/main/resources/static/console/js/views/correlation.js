import { getJson } from '../api.js';
import { actorLink, h, instant, objectLink, replaceChildren, section, shown, table } from '../dom.js';
import { kindOf } from '../kinds.js';

/** Everything one request caused: the events of every object recorded with its correlation id. */
export async function renderCorrelation(main, { id }) {
  const body = h('div', { id: 'correlation', 'aria-live': 'polite' });
  replaceChildren(
    main,
    h('div', { class: 'page-head' }, h('p', { class: 'eyebrow' }, 'Request'), h('h1', {}, 'What one request did'),
      h('p', { class: 'mono muted', id: 'correlation-id' }, id)),
    body,
  );
  const trail = await getJson(`/api/audit/correlations/${encodeURIComponent(id)}`);
  if (trail.events.length === 0) {
    replaceChildren(
      body,
      h('p', { class: 'notice' }, 'No event has been indexed under this correlation id yet. Events reach this index within moments; try again shortly.'),
      h('button', { type: 'button', class: 'button', onclick: () => renderCorrelation(main, { id }) }, 'Look again'),
    );
    return undefined;
  }
  const objects = new Map();
  trail.events.forEach((event) => objects.set(event.aggregateId, event.aggregateType));
  replaceChildren(
    body,
    h(
      'p',
      { class: 'lede', id: 'correlation-summary' },
      `${trail.events.length} event${trail.events.length === 1 ? '' : 's'} across ${objects.size} object${objects.size === 1 ? '' : 's'}`,
      trail.truncated ? ' (only the first 1000 are shown)' : '',
      '.',
    ),
    section(
      'Objects touched',
      h('ul', { class: 'chips' }, [...objects].map(([aggregateId, type]) => h(
        'li',
        {},
        objectLink(aggregateId, `${kindOf(type).label} ${aggregateId.length > 13 ? `${aggregateId.slice(0, 8)}…` : aggregateId}`),
      ))),
    ),
    section(
      'Events in the order they were recorded',
      table(
        { text: 'Events of this request' },
        ['Position', 'Time', 'Object', 'Event', 'By', 'Fields changed'],
        trail.events.map((event) => h(
          'tr',
          { class: 'correlated-event', dataset: { aggregate: event.aggregateId, type: event.type } },
          h('td', { class: 'num' }, event.position),
          h('td', {}, h('time', { datetime: event.timestamp }, instant(event.timestamp))),
          h('td', {}, objectLink(event.aggregateId, `${kindOf(event.aggregateType).label}, event ${event.sequence + 1}`)),
          h('td', {}, h('strong', {}, event.type)),
          h('td', {}, actorLink(event.actorId)),
          h('td', {}, event.changes.length
            ? h('ul', { class: 'changes' }, event.changes.map((c) => h('li', {}, h('span', { class: 'mono' }, c.field), ': ',
              shown(c.from), ' → ', shown(c.to))))
            : h('span', { class: 'muted' }, 'none')),
        )),
      ),
    ),
  );
  return undefined;
}
