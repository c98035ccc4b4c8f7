package io.hindsight.account.api;

import org.axonframework.serialization.Revision;

import java.util.Set;

/** An ADMIN replaced the roles of an account. */
@Revision("1")
public record RolesChanged(AccountId accountId, Set<Role> roles) implements AccountEvent {
}
