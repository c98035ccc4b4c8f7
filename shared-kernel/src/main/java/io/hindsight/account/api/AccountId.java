package io.hindsight.account.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.UuidForm;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
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

    /** The id a client sent, in any letter case, if it has the form of one; anything else can name no account. */
    public static Optional<AccountId> parse(String value) {
        return UuidForm.parse(value).map(AccountId::new);
    }

    /**
     * The id an account is kept under for one a client sent: a UUID in lower case, whatever the case it was written
     * in; anything else as sent, which names no account.
     */
    public static AccountId ofSent(String value) {
        return parse(value).orElseGet(() -> of(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
