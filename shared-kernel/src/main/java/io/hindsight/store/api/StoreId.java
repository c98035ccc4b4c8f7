package io.hindsight.store.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.UuidForm;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a store; its string form is the raw UUID. */
public record StoreId(String value) {

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
        return UuidForm.parse(value).map(StoreId::new);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
