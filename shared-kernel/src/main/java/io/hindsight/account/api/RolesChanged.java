package io.hindsight.account.api;

import java.util.Set;
import org.axonframework.serialization.Revision;

/** An ADMIN replaced the roles of an account. */
@Revision("1")
public record RolesChanged(AccountId accountId, Set<Role> roles) implements AccountEvent {}
