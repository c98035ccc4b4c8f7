package io.hindsight.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's clock: PostgreSQL's, read every few seconds and run on between readings by this JVM's monotonic timer,
 * so every node tells the same time within half a reading's round trip whatever its own wall clock says, and asks the
 * database nothing on a request. A reading is the quickest of a few, since a slow round trip says little about when
 * the database read its clock; one slower than {@code slowestReading} is not trusted over the reading before it.
 * Never tells an instant earlier than one it told, so a new reading that is a little behind the old does not step the
 * time back. Until the database's clock could be read (PostgreSQL down as the node starts) it tells the node's own.
 */
public final class DatabaseClock extends Clock {

    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);
    private static final int SAMPLES = 3;

    private final Supplier<Reading> readings;
    private final LongSupplier nanoTime;
    private final Duration slowestReading;
    private final AtomicLong latestToldNanos = new AtomicLong(Long.MIN_VALUE);
    private volatile Reading reading;
    /** Telling this node's own time, the database's clock never read yet. */
    private volatile boolean ownClock;

    /** The database's clock showed {@code databaseEpochNanos} when this JVM's timer showed {@code atNanoTime}. */
    record Reading(long databaseEpochNanos, long atNanoTime, long roundTripNanos) {

        /** A reading taken between the timer's {@code before} and {@code after}: read at the middle, most likely. */
        static Reading between(long before, Instant database, long after) {
            return new Reading(epochNanos(database), before + (after - before) / 2, after - before);
        }
    }

    DatabaseClock(Supplier<Reading> readings, LongSupplier nanoTime, Duration slowestReading) {
        this.readings = readings;
        this.nanoTime = nanoTime;
        this.slowestReading = slowestReading;
        if (!synchronize()) {
            reading = new Reading(epochNanos(Instant.now()), nanoTime.getAsLong(), 0);
            ownClock = true;
            log.warn("PostgreSQL's clock could not be read: this node tells the time by its own until it can");
        }
    }

    /** Reads the database's clock again; false if it could not be read, or only too slowly to trust. */
    boolean synchronize() {
        Reading best = null;
        for (int sample = 0; sample < SAMPLES; sample++) {
            Reading next;
            try {
                next = readings.get();
            } catch (RuntimeException unavailable) {
                log.debug("Could not read PostgreSQL's clock: {}", unavailable.toString());
                continue;
            }
            if (best == null || next.roundTripNanos() < best.roundTripNanos()) {
                best = next;
            }
        }
        if (best == null || (reading != null && best.roundTripNanos() > slowestReading.toNanos())) {
            return false;
        }
        Reading previous = reading;
        reading = best;
        if (ownClock) {
            // the instants told so far were this node's: the database's may be behind them, and is the time
            ownClock = false;
            latestToldNanos.set(Long.MIN_VALUE);
        } else if (previous != null) {
            long drift = best.databaseEpochNanos() - nanosAt(previous, best.atNanoTime());
            if (Math.abs(drift) > Duration.ofMillis(100).toNanos()) {
                log.warn(
                        "This node's timer and PostgreSQL's clock moved {} ms apart since the last reading",
                        drift / 1_000_000);
            }
        }
        return true;
    }

    @Override
    public Instant instant() {
        long now = nanosAt(reading, nanoTime.getAsLong());
        long told = latestToldNanos.accumulateAndGet(now, Math::max);
        return Instant.ofEpochSecond(Math.floorDiv(told, 1_000_000_000L), Math.floorMod(told, 1_000_000_000L));
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? this : new InZone(this, zone);
    }

    private static final class InZone extends Clock {

        private final DatabaseClock clock;
        private final ZoneId zone;

        InZone(DatabaseClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return clock.withZone(other);
        }
    }

    private static long nanosAt(Reading reading, long nanoTime) {
        return reading.databaseEpochNanos() + (nanoTime - reading.atNanoTime());
    }

    private static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
