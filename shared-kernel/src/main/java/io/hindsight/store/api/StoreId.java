package io.hindsight.store.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a store; its string form is the raw UUID. */
public record StoreId(String value) {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public StoreId {
        Objects.requireNonNull(value, "store id");
    }

    public static StoreId newId() {
        return new StoreId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static StoreId of(String value) {
        return new StoreId(value);
    }

    /** The id a client sent, if it has the form of one; anything else can name nothing. */
    public static Optional<StoreId> parse(String value) {
        return value != null && UUID_FORM.matcher(value).matches()
                ? Optional.of(new StoreId(value.toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
