import { ApiError, getJson } from '../api.js';
import { errorBox, h, objectLink, replaceChildren, section, shown, table } from '../dom.js';

const ACCOUNT_FIELD = /(^|[a-z])(account|wallet|ledgerAccount)(Id)?$/i;

/** The ledger's invariants evaluated now, each violation linked to the account it concerns. */
export async function renderLedger(main) {
  const body = h('div', { id: 'ledger' });
  const again = h('button', { type: 'button', class: 'button', id: 'ledger-again' }, 'Check again');
  replaceChildren(
    main,
    h('h1', {}, 'Ledger check'),
    h('p', { class: 'lede' }, 'Every balance is never negative, every transfer applied once, and for each currency the accounts sum to zero.'),
    again,
    body,
  );
  const check = async () => {
    replaceChildren(body, h('p', { class: 'muted' }, 'Checking…'));
    try {
      replaceChildren(body, report(await getJson('/api/admin/ledger/check')));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
        replaceChildren(body, h('p', { class: 'notice', id: 'ledger-unavailable' }, 'The ledger check is not available on this server.'));
      } else {
        replaceChildren(body, errorBox(error));
      }
    }
  };
  again.addEventListener('click', check);
  await check();
  return undefined;
}

function report(result) {
  const violations = result.violations || [];
  return h(
    'div',
    {},
    violations.length === 0
      ? h('p', { class: 'notice ok', id: 'ledger-verdict' }, 'Every invariant holds.')
      : h('p', { class: 'notice error', id: 'ledger-verdict' }, `${violations.length} violation${violations.length === 1 ? '' : 's'}.`),
    section(
      'Sums per currency',
      table({ text: 'Sum over all accounts per currency (zero when debits equal credits)' }, ['Currency', 'Sum'],
        (result.currencies || []).map((c) => h('tr', {}, h('th', { scope: 'row' }, c.currency), h('td', { class: `num ${c.sum !== 0 ? 'warn' : ''}` }, c.sum)))),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Negative balances'), h('dd', {}, shown(result.negativeBalances)),
        h('dt', {}, 'Transfers'), h('dd', {}, shown(result.transfers))),
    ),
    violations.length
      ? section('Violations', h('ul', { class: 'violations' }, violations.map(violation)))
      : null,
  );
}

function violation(item) {
  if (item === null || typeof item !== 'object') {
    return h('li', {}, shown(item));
  }
  return h('li', {}, h('dl', { class: 'facts' }, Object.entries(item).map(([name, value]) => [
    h('dt', {}, name),
    h('dd', {}, typeof value === 'string' && ACCOUNT_FIELD.test(name) ? objectLink(value, value) : shown(value)),
  ])));
}
