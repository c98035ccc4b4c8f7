package io.hindsight.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a user's or a store's ledger account; one that is open already is refused (WALLET_EXISTS, ...). */
public record OpenLedgerAccount(@TargetAggregateIdentifier LedgerAccountId accountId) {}
