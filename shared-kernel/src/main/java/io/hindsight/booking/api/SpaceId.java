package io.hindsight.booking.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.AsciiCase;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a space; its string form is the raw UUID. */
public record SpaceId(String value) {

    private static final Pattern FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public SpaceId {
        Objects.requireNonNull(value, "space id");
    }

    public static SpaceId newId() {
        return new SpaceId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static SpaceId of(String value) {
        return new SpaceId(value);
    }

    /**
     * The id when {@code text} has the form of one, so that client input never names odd aggregates. A UUID is read in
     * any case of its letters, as product, receipt and snack ids are: an upper-case one had been no space at all.
     */
    public static Optional<SpaceId> parse(String text) {
        String lower = text == null ? "" : AsciiCase.lowerCase(text);
        return FORMAT.matcher(lower).matches() ? Optional.of(new SpaceId(lower)) : Optional.empty();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
