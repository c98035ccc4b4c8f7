import { getJson } from '../api.js';
import { announce, errorBox, h, replaceChildren, shortId } from '../dom.js';

/** Find any object by id, email, name or number; each hit opens its timeline. */
export async function renderSearch(main, { params }, { remember }) {
  const query = params.get('q') || '';
  const input = h('input', {
    id: 'search-q', name: 'q', type: 'search', value: query, required: true, maxlength: 200,
    placeholder: 'mina@example.com, Honey Butter Chip, an id or order number', autocomplete: 'off',
  });
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'search-form', role: 'search', 'aria-label': 'Find an object' },
    h('label', { for: 'search-q' }, 'Id, email, name or order number'),
    h('div', { class: 'inline' }, input, h('button', { type: 'submit', class: 'button primary', id: 'search-go' }, 'Find')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (q) {
      remember(`#/search?q=${encodeURIComponent(q)}`);
      find(q, results);
    }
  });
  replaceChildren(
    main,
    h('h1', {}, 'Find an object'),
    h(
      'p',
      { class: 'lede' },
      'Accounts by email, name or nickname; products, spaces and snacks by name; receipts by order number; '
        + 'anything by its id. The objects of an account found (its carts, receipts, bookings, orders) are listed with it.',
    ),
    form,
    results,
  );
  if (query) {
    await find(query, results);
  } else {
    input.focus();
  }
}

async function find(q, results) {
  replaceChildren(results, h('p', { class: 'muted' }, 'Searching…'));
  try {
    const hits = await getJson(`/api/audit/search?q=${encodeURIComponent(q)}`);
    if (hits.length === 0) {
      replaceChildren(results, h('p', { class: 'notice' }, `Nothing matches “${q}”.`));
      announce('No match');
      return;
    }
    replaceChildren(
      results,
      h('h2', { class: 'visually-hidden' }, 'Results'),
      h(
        'ul',
        { class: 'hits' },
        hits.map((hit) => h(
          'li',
          {},
          h(
            'a',
            { href: `#/object/${encodeURIComponent(hit.id)}`, class: 'hit', dataset: { kind: hit.kind } },
            h('span', { class: `badge kind` }, hit.kind),
            h('span', { class: 'hit-label' }, hit.label || hit.id),
            hit.detail ? h('span', { class: 'hit-detail' }, hit.detail) : null,
            hit.ownerId ? h('span', { class: 'hit-owner' }, `of account ${shortId(hit.ownerId)}`) : null,
          ),
        )),
      ),
    );
    announce(`${hits.length} found`);
  } catch (error) {
    replaceChildren(results, errorBox(error));
  }
}
