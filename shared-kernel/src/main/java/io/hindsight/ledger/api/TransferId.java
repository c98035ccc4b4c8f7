package io.hindsight.ledger.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies a transfer: {@code tr-<key>}. The caller chooses it, so a transfer sent again (a retry, a
 * redelivery, a second node) carries the same id and is applied once. It is the id of the transfer's
 * aggregate, whose key in the event store makes "applied once" structural.
 */
public record TransferId(String value) {

    private static final String PREFIX = "tr-";
    private static final Pattern FORMAT = Pattern.compile("tr-[A-Za-z0-9_.:-]{1,200}");

    public TransferId {
        Objects.requireNonNull(value, "transfer id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a transfer id: " + value);
        }
    }

    /** A transfer that is never retried under the same id (each request is a new movement). */
    public static TransferId newId() {
        return new TransferId(PREFIX + UUID.randomUUID());
    }

    /** The one transfer for {@code key} within {@code purpose}, e.g. {@code forKey("funding", fundingId)}. */
    public static TransferId forKey(String purpose, String key) {
        return new TransferId(PREFIX + purpose + "-" + key);
    }

    @JsonCreator
    public static TransferId of(String value) {
        return new TransferId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
