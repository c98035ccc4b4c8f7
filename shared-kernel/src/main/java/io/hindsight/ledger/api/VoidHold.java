package io.hindsight.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Releases a hold: the held amount is available to the debited account again. Again: no change. */
public record VoidHold(@TargetAggregateIdentifier TransferId transferId) implements TransferCommand {}
