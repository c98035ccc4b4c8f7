package io.hindsight.ledger.api;

/** Why money or points moved; shown with each transaction. Contexts add the kinds they need. */
public enum TransferKind {
    DEPOSIT,
    WITHDRAWAL,
    FUNDING
}
