// What the console knows about each kind of object, by the aggregate type the event store records.
// A new context adds one line here (and one in the server's SearchableKinds); an unknown type still
// shows its timeline and state, under its own name.

export const KINDS = {
  Account: { label: 'Account', profile: true },
  Cart: { label: 'Cart' },
  Receipt: { label: 'Receipt' },
  Product: { label: 'Product' },
  Space: { label: 'Space' },
  Slot: { label: 'Booking slot' },
  Snack: { label: 'Snack' },
  SnackOrder: { label: 'Snack order' },
  SnackReaction: { label: 'Snack reaction' },
  Campaign: { label: 'Campaign' },
  LedgerTransfer: { label: 'Ledger transfer' },
  LedgerAccount: { label: 'Ledger account' },
  Wallet: { label: 'Wallet' },
  Store: { label: 'Store' },
  StoreOrder: { label: 'Store order' },
  Coupon: { label: 'Coupon' },
};

export function kindOf(aggregateType) {
  return KINDS[aggregateType] || { label: aggregateType || 'Object' };
}
