package io.hindsight.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.platform.time.DatabaseClock.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DatabaseClockTest {

    private static final Instant DATABASE = Instant.parse("2026-12-05T21:00:00Z");
    private static final Duration SLOWEST = Duration.ofMillis(100);

    private final AtomicLong timer = new AtomicLong(5_000_000_000L);
    private final Deque<Supplier<Reading>> readings = new ArrayDeque<>();

    private DatabaseClock clock() {
        return new DatabaseClock(
                () -> readings.isEmpty() ? unreadable() : readings.poll().get(), timer::get, SLOWEST);
    }

    /** The database's clock showing {@code database}, read in {@code roundTrip} starting now by the timer. */
    private Supplier<Reading> reading(Instant database, Duration roundTrip) {
        return () -> {
            long before = timer.get();
            long after = before + roundTrip.toNanos();
            return Reading.between(before, database, after);
        };
    }

    private static Reading unreadable() {
        throw new IllegalStateException("database unavailable");
    }

    private void threeReadings(Instant database, Duration roundTrip) {
        for (int i = 0; i < 3; i++) {
            readings.add(reading(database, roundTrip));
        }
    }

    @Test
    void tellsTheDatabasesTimeWhateverThisNodesWallClockSays() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        threeReadings(twoHoursAgo, Duration.ZERO);

        assertThat(clock().instant()).isEqualTo(twoHoursAgo);
    }

    @Test
    void runsOnByThisNodesTimerBetweenReadings() {
        threeReadings(DATABASE, Duration.ZERO);
        DatabaseClock clock = clock();

        timer.addAndGet(Duration.ofSeconds(7).toNanos());

        assertThat(clock.instant()).isEqualTo(DATABASE.plusSeconds(7));
    }

    @Test
    void takesTheQuickestOfItsReadingsAtTheMiddleOfItsRoundTrip() {
        readings.add(reading(DATABASE.plusMillis(40), Duration.ofMillis(80)));
        readings.add(reading(DATABASE.plusMillis(1), Duration.ofMillis(2)));
        readings.add(reading(DATABASE.plusMillis(30), Duration.ofMillis(60)));
        DatabaseClock clock = clock();

        // read 1 ms after the timer's current value: the clock now is the reading less that millisecond
        assertThat(clock.instant()).isEqualTo(DATABASE);
    }

    @Test
    void neverTellsAnEarlierInstantThanOneItToldWhenANewReadingIsBehind() {
        threeReadings(DATABASE, Duration.ZERO);
        DatabaseClock clock = clock();
        Instant told = clock.instant();

        threeReadings(DATABASE.minusMillis(3), Duration.ZERO);
        assertThat(clock.synchronize()).isTrue();

        assertThat(clock.instant()).isEqualTo(told);
        timer.addAndGet(Duration.ofMillis(5).toNanos());
        assertThat(clock.instant()).isEqualTo(DATABASE.plusMillis(2));
    }

    @Test
    void keepsItsReadingWhileTheDatabaseCannotBeReadOrOnlySlowly() {
        threeReadings(DATABASE, Duration.ZERO);
        DatabaseClock clock = clock();

        assertThat(clock.synchronize()).isFalse();
        threeReadings(DATABASE.plusSeconds(60), SLOWEST.plusMillis(1));
        assertThat(clock.synchronize()).isFalse();

        timer.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(clock.instant()).isEqualTo(DATABASE.plusSeconds(1));
    }

    @Test
    void tellsThisNodesTimeUntilTheDatabaseCanBeRead() {
        Instant before = Instant.now();
        DatabaseClock clock = clock();

        assertThat(clock.instant()).isBetween(before, Instant.now());
        threeReadings(DATABASE, Duration.ZERO);
        assertThat(clock.synchronize()).isTrue();
        assertThat(clock.instant()).isEqualTo(DATABASE);
    }
}
