package io.hindsight.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Links an identity at a social provider, proven by the provider, to the member's account. */
public record LinkSocialIdentity(@TargetAggregateIdentifier AccountId accountId, SocialIdentity identity)
        implements AccountCommand {}
