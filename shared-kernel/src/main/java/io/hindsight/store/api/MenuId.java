package io.hindsight.store.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.UuidForm;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies an item of a store's menu; its string form is the raw UUID. */
public record MenuId(String value) {

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
        return UuidForm.parse(value).map(MenuId::new);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
