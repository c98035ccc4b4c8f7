package io.hindsight.account.api;

/** What an account may do besides being a member. */
public enum Role {
    MEMBER,
    ADMIN,
    HOST,
    MERCHANT,
    PUBLISHER,
    AUDITOR
}
