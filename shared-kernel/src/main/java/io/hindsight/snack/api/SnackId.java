package io.hindsight.snack.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.UuidForm;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a registered snack; its string form is the raw UUID. */
public record SnackId(String value) {

    public SnackId {
        Objects.requireNonNull(value, "snack id");
    }

    public static SnackId newId() {
        return new SnackId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static SnackId of(String value) {
        return new SnackId(value);
    }

    /** The id a client sent, if it has the form of one; anything else can name no snack. */
    public static Optional<SnackId> parse(String value) {
        return UuidForm.parse(value).map(SnackId::new);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
