package io.hindsight.account.api;

import org.axonframework.serialization.Revision;

/** A session's refresh token was spent for a new pair of tokens. */
@Revision("1")
public record TokensRefreshed(AccountId accountId, String session, String clientAddress)
        implements AccountAccessEvent {}
