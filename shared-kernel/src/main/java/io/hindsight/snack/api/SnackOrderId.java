package io.hindsight.snack.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a snack order; its string form is the raw UUID. */
public record SnackOrderId(String value) {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
        return value != null && UUID_FORM.matcher(value).matches()
                ? Optional.of(new SnackOrderId(value.toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
