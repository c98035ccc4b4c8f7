package io.hindsight.ledger.api;

/** Limits of the ledger, shared by request validation and the aggregates. */
public final class LedgerRules {

    /** The largest single transfer: far below what a bigint balance can hold after many of them. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    public static final int MAX_REFERENCES = 10;

    private LedgerRules() {}
}
