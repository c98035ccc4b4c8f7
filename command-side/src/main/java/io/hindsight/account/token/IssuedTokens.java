package io.hindsight.account.token;

import io.hindsight.account.api.AccountId;

/** A fresh access/refresh token pair. */
public record IssuedTokens(AccountId accountId, String accessToken, String refreshToken, long expiresIn) {}
