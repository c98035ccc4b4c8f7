package io.hindsight.snack.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a registered snack; its string form is the raw UUID. */
public record SnackId(String value) {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
        return value != null && UUID_FORM.matcher(value).matches()
                ? Optional.of(new SnackId(value.toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
