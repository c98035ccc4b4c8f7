// Small helpers to build markup from elements and text nodes only, so no text is ever parsed as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

const announcer = () => document.getElementById('announcer');

/** Tells screen-reader users what just happened, politely. */
export function announce(message) {
  const region = announcer();
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** An instant as "2026-11-21 07:40:27.792 UTC". */
export function instant(iso) {
  if (!iso) {
    return '—';
  }
  return `${iso.replace('T', ' ').replace('Z', '')} UTC`;
}

/**
 * Orders two ISO-8601 instants: negative, zero or positive. The API writes instants without trailing zero
 * digits ("…43Z" next to "…43.022Z") and with up to nine, so their text does not sort; Date.parse keeps
 * milliseconds and the digits after them break ties.
 */
export function compareInstants(a, b) {
  const difference = Date.parse(a) - Date.parse(b);
  if (difference !== 0) {
    return difference;
  }
  return belowMillisecond(a) - belowMillisecond(b);
}

function belowMillisecond(iso) {
  const digits = /\.\d{3}(\d+)/.exec(iso)?.[1] ?? '';
  return Number(digits.slice(0, 6).padEnd(6, '0'));
}

/** A value of any JSON shape as short text. */
export function shown(value) {
  if (value === null || value === undefined) {
    return '∅';
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

export function shortId(id) {
  return id && id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

export function objectLink(id, text) {
  return h('a', { href: `#/object/${encodeURIComponent(id)}`, class: 'id-link', title: id }, text ?? shortId(id));
}

export function correlationLink(id) {
  if (!id) {
    return '—';
  }
  return h('a', { href: `#/correlation/${encodeURIComponent(id)}`, class: 'id-link', title: `Everything request ${id} did` }, shortId(id));
}

/** The actor of an event: an account (a link to its timeline) or the system itself. */
export function actorLink(actorId) {
  if (!actorId) {
    return '—';
  }
  if (actorId === 'system' || actorId === 'anonymous') {
    return h('span', { class: 'badge' }, actorId);
  }
  return objectLink(actorId);
}

export function section(title, ...children) {
  const id = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function errorBox(error) {
  return h('p', { class: 'notice error', role: 'alert' }, error.message || String(error));
}

export function table(caption, headers, rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: caption.visible ? '' : 'visually-hidden' }, caption.text ?? caption),
      h('thead', {}, h('tr', {}, headers.map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, rows),
    ),
  );
}

/** "datetime-local" input values are taken as UTC: the console shows every instant in UTC. */
export function toInputValue(iso) {
  return iso ? iso.replace('Z', '').slice(0, 23) : '';
}

export function fromInputValue(value) {
  if (!value) {
    return null;
  }
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}Z`;
}
