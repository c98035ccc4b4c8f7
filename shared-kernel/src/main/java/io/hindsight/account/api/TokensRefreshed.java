package io.hindsight.account.api;

import io.hindsight.common.PersonalData;
import org.axonframework.serialization.Revision;

/** A session's refresh token was spent for a new pair of tokens. */
@Revision("1")
public record TokensRefreshed(
        AccountId accountId, String session, @PersonalData String clientAddress) implements AccountAccessEvent {}
