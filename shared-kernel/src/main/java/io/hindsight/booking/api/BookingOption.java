package io.hindsight.booking.api;

import java.util.Arrays;
import java.util.Optional;

/** What part of a date a booking takes. */
public enum BookingOption {
    DAY,
    NIGHT,
    ALL_DAY;

    /** ALL_DAY conflicts with anything that date; DAY with DAY or ALL_DAY; NIGHT with NIGHT or ALL_DAY. */
    public boolean conflictsWith(BookingOption other) {
        return this == ALL_DAY || other == ALL_DAY || this == other;
    }

    /** The option of exactly this name, as the API writes it (Jackson reads the other enums of a body as strictly). */
    public static Optional<BookingOption> parse(String text) {
        return Arrays.stream(values()).filter(o -> o.name().equals(text)).findFirst();
    }
}
