package io.hindsight.ledger.api;

import org.axonframework.serialization.Revision;

/** A user's or a store's ledger account was opened, with nothing in it. */
@Revision("1")
public record LedgerAccountOpened(
        LedgerAccountId accountId, LedgerAccountKind kind, LedgerCurrency currency, String ownerId)
        implements LedgerAccountEvent {}
