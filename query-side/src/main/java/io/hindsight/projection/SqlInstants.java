package io.hindsight.projection;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as SQL parameters for comparisons with {@code timestamptz} columns: clamped to a range PostgreSQL
 * holds, beyond every instant an event can carry, so that "as of the end of time" means after everything, and
 * cut to whole microseconds, as the columns hold them. The driver rounds a finer instant to the nearest
 * microsecond, so an as-of 1 ns before a change read it as made already; cut down, {@code column <= instant}
 * holds exactly when it holds for the instant as given.
 */
public final class SqlInstants {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private SqlInstants() {}

    /**
     * The instant a {@code timestamptz} column keeps of this one (the nearest microsecond), for a row whose key is an
     * instant: the rows a batch computes must be keyed as they will be stored, or two instants within one microsecond
     * would make two rows of one key.
     */
    public static Instant asStored(Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return instant.getNano() % 1_000 >= 500 ? micros.plus(1, ChronoUnit.MICROS) : micros;
    }

    public static Timestamp bounded(Instant instant) {
        if (instant.isBefore(EARLIEST)) {
            return Timestamp.from(EARLIEST);
        }
        return Timestamp.from((instant.isAfter(LATEST) ? LATEST : instant).truncatedTo(ChronoUnit.MICROS));
    }
}
