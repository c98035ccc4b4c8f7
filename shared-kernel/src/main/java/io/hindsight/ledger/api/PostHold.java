package io.hindsight.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Completes a hold: the held amount leaves the debited account and reaches the credited one. Again: no change. */
public record PostHold(@TargetAggregateIdentifier TransferId transferId) implements TransferCommand {}
