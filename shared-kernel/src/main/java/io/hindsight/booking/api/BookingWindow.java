package io.hindsight.booking.api;

import io.hindsight.common.BusinessException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Which dates can be booked: from today in the spaces' time zone up to {@code maxDaysAhead} days later.
 * The command side refuses other dates and the query side answers the same, from this one rule.
 */
public record BookingWindow(ZoneId zone, int maxDaysAhead) {

    public BookingWindow {
        Objects.requireNonNull(zone, "zone");
        if (maxDaysAhead < 0) {
            throw new IllegalArgumentException("maxDaysAhead must not be negative");
        }
    }

    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, zone);
    }

    public void requireBookable(LocalDate date, Instant now) {
        LocalDate today = today(now);
        if (date.isBefore(today)) {
            throw new BusinessException(
                    BookingError.DATE_IN_PAST, "Cannot book %s: it is before today (%s)", date, today);
        }
        LocalDate last = today.plusDays(maxDaysAhead);
        if (date.isAfter(last)) {
            throw new BusinessException(
                    BookingError.DATE_TOO_FAR,
                    "Cannot book %s: bookings open at most %d days ahead (until %s)",
                    date,
                    maxDaysAhead,
                    last);
        }
    }
}
