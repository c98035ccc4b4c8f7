package io.hindsight.ledger.api;

/** What a ledger account counts: won (KRW, no minor unit) or points. */
public enum LedgerCurrency {
    KRW,
    POINT
}
