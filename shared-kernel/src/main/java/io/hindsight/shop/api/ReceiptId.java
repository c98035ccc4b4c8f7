package io.hindsight.shop.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a receipt; its string form is the raw UUID. */
public record ReceiptId(String value) {

    public ReceiptId {
        Objects.requireNonNull(value, "receipt id");
    }

    public static ReceiptId newId() {
        return new ReceiptId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static ReceiptId of(String value) {
        return new ReceiptId(value);
    }

    /** A receipt id from client input: a UUID, or MALFORMED_ID. */
    public static ReceiptId parse(String raw) {
        return new ReceiptId(Ids.requireUuid(raw, "receipt"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
