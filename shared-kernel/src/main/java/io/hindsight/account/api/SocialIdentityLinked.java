package io.hindsight.account.api;

import org.axonframework.serialization.Revision;

/** The member linked an identity at a social provider to the account; it now logs in through that provider. */
@Revision("1")
public record SocialIdentityLinked(AccountId accountId, String provider) implements AccountEvent {}
