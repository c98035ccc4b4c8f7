package io.hindsight.account.api;

import org.axonframework.serialization.Revision;

/** The member left; the history stays and the email can never sign up again. */
@Revision("1")
public record AccountResigned(AccountId accountId) implements AccountEvent {}
