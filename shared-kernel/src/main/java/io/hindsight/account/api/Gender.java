package io.hindsight.account.api;

/** Gender as the member chose to state it. */
public enum Gender {
    FEMALE,
    MALE,
    OTHER
}
