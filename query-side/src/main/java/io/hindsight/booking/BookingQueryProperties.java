package io.hindsight.booking;

import io.hindsight.booking.api.BookingWindow;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The booking settings the reads need to answer exactly what the command side would accept. */
@ConfigurationProperties(prefix = "hindsight.booking")
public record BookingQueryProperties(ZoneId zone, Integer maxDaysAhead) {

    public BookingQueryProperties {
        zone = zone == null ? ZoneId.of("Asia/Seoul") : zone;
        maxDaysAhead = maxDaysAhead == null ? 365 : maxDaysAhead;
    }

    public BookingWindow window() {
        return new BookingWindow(zone, maxDaysAhead);
    }
}
