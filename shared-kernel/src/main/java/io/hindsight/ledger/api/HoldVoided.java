package io.hindsight.ledger.api;

import org.axonframework.serialization.Revision;

/** A hold was released: its amount is available to {@code from} again. */
@Revision("1")
public record HoldVoided(
        TransferId transferId, LedgerAccountId from, LedgerAccountId to, long amount, LedgerCurrency currency)
        implements TransferEvent {}
