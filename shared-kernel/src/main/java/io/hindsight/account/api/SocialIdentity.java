package io.hindsight.account.api;

/** An account's identity at a social log-in provider, e.g. ("kakao", "123456"). */
public record SocialIdentity(String provider, String subject) {}
