package io.hindsight.account.api;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN sets the complete set of roles of an account. */
public record ChangeRoles(@TargetAggregateIdentifier AccountId accountId, Set<Role> roles) implements AccountCommand {

    public ChangeRoles {
        roles = Set.copyOf(roles);
    }
}
