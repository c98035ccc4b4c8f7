package io.hindsight.account.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies an account; its string form is the raw UUID. */
public record AccountId(String value) {

    public AccountId {
        Objects.requireNonNull(value, "account id");
    }

    public static AccountId newId() {
        return new AccountId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
