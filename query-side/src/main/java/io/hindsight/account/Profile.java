package io.hindsight.account;

import io.hindsight.account.api.Gender;

/** The profile values in force at some instant. */
public record Profile(String name, String nickname, Gender gender) {}
