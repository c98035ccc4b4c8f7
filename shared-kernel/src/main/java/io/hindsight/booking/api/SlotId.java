package io.hindsight.booking.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.Objects;

/** Identifies the slot aggregate of one space on one date: {@code slot-<spaceId>-<date>}. */
public record SlotId(String value) {

    public SlotId {
        Objects.requireNonNull(value, "slot id");
    }

    public static SlotId of(SpaceId spaceId, LocalDate date) {
        return new SlotId("slot-" + spaceId.value() + "-" + date);
    }

    @JsonCreator
    public static SlotId of(String value) {
        return new SlotId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
