package io.hindsight.ledger.api;

/** A transfer is POSTED at once, or PENDING (a hold) until it is POSTED or VOIDED, exactly once. */
public enum TransferStatus {
    PENDING,
    POSTED,
    VOIDED
}
