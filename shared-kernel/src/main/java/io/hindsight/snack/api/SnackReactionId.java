package io.hindsight.snack.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.account.api.AccountId;
import java.util.Objects;

/**
 * Identifies one member's reaction to one snack. There is one such aggregate per (snack, member), so
 * "one reaction per member per snack" is decided by the event store's key and reactions of different
 * members never contend.
 */
public record SnackReactionId(SnackId snackId, AccountId accountId) {

    private static final String PREFIX = "snack-reaction:";

    public SnackReactionId {
        Objects.requireNonNull(snackId, "snack id");
        Objects.requireNonNull(accountId, "account id");
    }

    @JsonCreator
    public static SnackReactionId of(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.indexOf(':', PREFIX.length()) < 0) {
            throw new IllegalArgumentException("Not a snack reaction id: " + value);
        }
        int separator = value.indexOf(':', PREFIX.length());
        return new SnackReactionId(
                SnackId.of(value.substring(PREFIX.length(), separator)), AccountId.of(value.substring(separator + 1)));
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + snackId + ":" + accountId;
    }
}
