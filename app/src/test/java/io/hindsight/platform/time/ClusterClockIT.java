package io.hindsight.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application tells the time by PostgreSQL's clock, and so do Axon's own clocks: the one aggregates decide by and
 * stamp events with, and the one segment claims time out by.
 */
class ClusterClockIT extends IntegrationTest {

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theApplicationAndAxonTellTheTimeByPostgreSqlsClock() {
        // Axon's clocks are the JVM's: another test's second node, still running, may have set its own
        for (Clock each : new Clock[] {clock, GenericEventMessage.clock, AbstractTokenEntry.clock}) {
            assertThat(each).isInstanceOf(DatabaseClock.class);
            Instant before = databaseNow();
            Instant told = each.instant();
            Instant after = databaseNow();
            // a reading is trusted to half its round trip, at most half the slowest one trusted
            Duration slack = Duration.ofMillis(50);
            assertThat(told).isBetween(before.minus(slack), after.plus(slack));
        }
    }

    private Instant databaseNow() {
        return jdbc.sql("SELECT clock_timestamp()")
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }
}
