package io.hindsight.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the password hash, but only if it still is the one the caller verified against
 * (so two concurrent changes cannot both win).
 */
public record ChangePassword(@TargetAggregateIdentifier AccountId accountId, String verifiedHash, String newHash)
        implements AccountCommand {

    @Override
    public String toString() {
        return "ChangePassword[accountId=" + accountId + "]";
    }
}
