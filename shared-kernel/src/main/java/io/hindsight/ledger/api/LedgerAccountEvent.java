package io.hindsight.ledger.api;

/** Everything that can happen to a ledger account itself; its balance moves by transfers. */
public sealed interface LedgerAccountEvent permits LedgerAccountOpened {

    LedgerAccountId accountId();
}
