package io.hindsight.account.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN records what the profile really was from a past instant on. */
public record CorrectProfile(
        @TargetAggregateIdentifier AccountId accountId, ProfileFields changes, Instant effectiveFrom)
        implements AccountCommand {}
