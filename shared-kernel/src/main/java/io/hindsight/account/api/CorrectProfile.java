package io.hindsight.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An ADMIN records what the profile really was from a past instant on. */
public record CorrectProfile(@TargetAggregateIdentifier AccountId accountId, ProfileFields changes, Instant effectiveFrom) {
}
