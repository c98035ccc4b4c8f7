package io.hindsight.account.api;

import io.hindsight.common.PersonalData;
import org.axonframework.serialization.Revision;

/** The account logged out of one session; its tokens stopped working. */
@Revision("1")
public record LoggedOut(
        AccountId accountId, String session, @PersonalData String clientAddress) implements AccountAccessEvent {}
