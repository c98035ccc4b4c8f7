package io.hindsight.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The member closes their account for good. */
public record Resign(@TargetAggregateIdentifier AccountId accountId) implements AccountCommand {}
