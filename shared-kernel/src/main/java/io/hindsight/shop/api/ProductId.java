package io.hindsight.shop.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a product; its string form is the raw UUID. */
public record ProductId(String value) {

    public ProductId {
        Objects.requireNonNull(value, "product id");
    }

    public static ProductId newId() {
        return new ProductId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static ProductId of(String value) {
        return new ProductId(value);
    }

    /** A product id from client input: a UUID, or MALFORMED_ID. */
    public static ProductId parse(String raw) {
        return new ProductId(Ids.requireUuid(raw, "product"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
