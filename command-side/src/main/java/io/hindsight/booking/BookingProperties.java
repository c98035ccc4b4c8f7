package io.hindsight.booking;

import io.hindsight.booking.api.BookingWindow;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How bookings behave: how long an unpaid booking holds its slot, the time zone the spaces' dates are in,
 * and how many days ahead they can be booked.
 */
@ConfigurationProperties(prefix = "hindsight.booking")
public record BookingProperties(Duration holdDuration, ZoneId zone, Integer maxDaysAhead) {

    public BookingProperties {
        holdDuration = holdDuration == null ? Duration.ofMinutes(15) : holdDuration;
        zone = zone == null ? ZoneId.of("Asia/Seoul") : zone;
        maxDaysAhead = maxDaysAhead == null ? 365 : maxDaysAhead;
        if (holdDuration.isNegative() || holdDuration.isZero()) {
            throw new IllegalArgumentException("hindsight.booking.hold-duration must be positive");
        }
    }

    public BookingWindow window() {
        return new BookingWindow(zone, maxDaysAhead);
    }
}
