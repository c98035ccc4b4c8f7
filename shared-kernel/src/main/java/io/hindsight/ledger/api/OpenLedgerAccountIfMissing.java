package io.hindsight.ledger.api;

import io.hindsight.common.CreatesIfMissing;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a user's or a store's ledger account unless it is open already, which changes nothing. */
public record OpenLedgerAccountIfMissing(
        @TargetAggregateIdentifier LedgerAccountId accountId) implements CreatesIfMissing {}
