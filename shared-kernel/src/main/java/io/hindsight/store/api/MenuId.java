package io.hindsight.store.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies an item of a store's menu; its string form is the raw UUID. */
public record MenuId(String value) {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public MenuId {
        Objects.requireNonNull(value, "menu id");
    }

    public static MenuId newId() {
        return new MenuId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static MenuId of(String value) {
        return new MenuId(value);
    }

    /** The id a client sent, if it has the form of one; anything else can name nothing. */
    public static Optional<MenuId> parse(String value) {
        return value != null && UUID_FORM.matcher(value).matches()
                ? Optional.of(new MenuId(value.toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
