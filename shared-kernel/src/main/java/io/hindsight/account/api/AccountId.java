package io.hindsight.account.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
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

    /**
     * The account a social identity opens: the same on every node, so two first log-ins of one identity
     * race for one account instead of opening two.
     */
    public static AccountId forSocialIdentity(SocialIdentity identity) {
        String key = "social:" + identity.provider() + ":" + identity.subject();
        return new AccountId(
                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
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
