package io.hindsight.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The member changes their own profile, effective now. */
public record ChangeProfile(@TargetAggregateIdentifier AccountId accountId, ProfileFields changes)
        implements AccountCommand {}
