package io.hindsight.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** An ADMIN sets the complete set of roles of an account. */
public record ChangeRoles(@TargetAggregateIdentifier AccountId accountId, Set<Role> roles) {

    public ChangeRoles {
        roles = Set.copyOf(roles);
    }
}
