package io.hindsight.account.api;

import io.hindsight.common.CreatesIfMissing;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens the account of a social identity on its first log-in, unless a racing log-in of the same
 * identity opened it already. The email is the provider's verified one, or null.
 */
public record OpenSocialAccount(
        @TargetAggregateIdentifier AccountId accountId, String email, ProfileFields profile, SocialIdentity identity)
        implements CreatesIfMissing {

    public OpenSocialAccount(SocialIdentity identity, String email, ProfileFields profile) {
        this(AccountId.forSocialIdentity(identity), email, profile, identity);
    }
}
