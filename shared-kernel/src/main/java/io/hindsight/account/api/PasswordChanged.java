package io.hindsight.account.api;

import org.axonframework.serialization.Revision;

/** The password was replaced; the hash itself lives only in the credentials table. */
@Revision("1")
public record PasswordChanged(AccountId accountId) implements AccountEvent {}
