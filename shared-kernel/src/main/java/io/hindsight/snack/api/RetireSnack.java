package io.hindsight.snack.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN retires a snack: it can no longer be requested; orders that have it keep it. */
public record RetireSnack(@TargetAggregateIdentifier SnackId snackId) implements SnackCommand {}
