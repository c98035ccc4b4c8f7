package io.hindsight.snack.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.UuidForm;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a snack order; its string form is the raw UUID. */
public record SnackOrderId(String value) {

    public SnackOrderId {
        Objects.requireNonNull(value, "snack order id");
    }

    public static SnackOrderId newId() {
        return new SnackOrderId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static SnackOrderId of(String value) {
        return new SnackOrderId(value);
    }

    /** The id a client sent, if it has the form of one; anything else can name no order. */
    public static Optional<SnackOrderId> parse(String value) {
        return UuidForm.parse(value).map(SnackOrderId::new);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
