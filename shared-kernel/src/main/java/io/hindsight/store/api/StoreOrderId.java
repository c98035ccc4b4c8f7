package io.hindsight.store.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.UuidForm;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a mobile order; it is the merchant_uid the client pays under at the provider; its string form is the raw UUID. */
public record StoreOrderId(String value) {

    public StoreOrderId {
        Objects.requireNonNull(value, "store order id");
    }

    public static StoreOrderId newId() {
        return new StoreOrderId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static StoreOrderId of(String value) {
        return new StoreOrderId(value);
    }

    /** The id a client sent, if it has the form of one; anything else can name nothing. */
    public static Optional<StoreOrderId> parse(String value) {
        return UuidForm.parse(value).map(StoreOrderId::new);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
