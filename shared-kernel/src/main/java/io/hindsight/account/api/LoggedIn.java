package io.hindsight.account.api;

import io.hindsight.common.PersonalData;
import org.axonframework.serialization.Revision;

/** The account logged in with its password or, naming the provider, through a social provider. */
@Revision("1")
public record LoggedIn(
        AccountId accountId,
        String socialProvider,
        String session,
        @PersonalData String clientAddress) implements AccountAccessEvent {}
