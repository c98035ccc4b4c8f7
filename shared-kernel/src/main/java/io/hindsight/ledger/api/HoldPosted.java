package io.hindsight.ledger.api;

import org.axonframework.serialization.Revision;

/** A hold was completed: its amount left {@code from} and reached {@code to}. */
@Revision("1")
public record HoldPosted(
        TransferId transferId, LedgerAccountId from, LedgerAccountId to, long amount, LedgerCurrency currency)
        implements TransferEvent {}
