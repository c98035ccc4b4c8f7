package io.hindsight.platform.outage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class OutageLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final AtomicLong now = new AtomicLong();
    private final Logger poller = context.getLogger("org.axonframework.eventsourcing.eventstore.EmbeddedEventStore");

    @BeforeEach
    void install() {
        OutageLogFilter filter = new OutageLogFilter(now::get);
        filter.start();
        context.addTurboFilter(filter);
        logged.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logged);
    }

    @Test
    void anOutageIsOneWarnLineWithoutItsStackTraceNotAnError() {
        poller.error("Failed to read events from the underlying event storage", connectionRefused());

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getThrowableProxy()).isNull();
            assertThat(event.getFormattedMessage())
                    .contains(poller.getName(), "Failed to read events", "Connection refused");
        });
    }

    @Test
    void anOutageRepeatedWithinTheIntervalIsNotLoggedAgain() {
        for (int i = 0; i < 5; i++) {
            poller.error("Failed to read events from the underlying event storage", connectionRefused());
            now.addAndGet(OutageLogFilter.EVERY.toNanos() / 10);
        }
        now.addAndGet(OutageLogFilter.EVERY.toNanos());
        poller.warn("Batch failed", connectionRefused());

        assertThat(logged.list).hasSize(2);
    }

    @Test
    void aRollbackThatFailedOnABrokenConnectionIsAnOutage() {
        // what Spring's TransactionTemplate logs at ERROR when PostgreSQL went away mid-transaction
        poller.error(
                "Application exception overridden by rollback exception",
                new TransactionSystemException(
                        "JDBC rollback failed",
                        new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(logged.list)
                .singleElement()
                .extracting(ILoggingEvent::getLevel)
                .isEqualTo(Level.WARN);
    }

    @Test
    void anOutageLoggedAtInfoStaysInfoWithoutItsTrace() {
        poller.info(
                "An error occurred while executing a lifecycle phase handler for phase ROLLBACK", connectionRefused());

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getThrowableProxy()).isNull();
        });
    }

    @Test
    void anOutageBelowItsLoggersLevelStaysUnlogged() {
        poller.setLevel(Level.WARN);

        poller.info(
                "An error occurred while executing a lifecycle phase handler for phase ROLLBACK", connectionRefused());

        assertThat(logged.list).isEmpty();
    }

    @Test
    void anyOtherFailureIsLoggedAsItWas() {
        poller.error("Something broke", new IllegalStateException("a bug"));

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy()).isNotNull();
        });
    }

    @Test
    void aStartThatFailedOnAnOutageIsLoggedInFull() {
        // a node that cannot reach its database at start-up does not ride that out: it ends, and the trace says where
        context.getLogger("org.springframework.boot.SpringApplication")
                .error("Application run failed", connectionRefused());

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy()).isNotNull();
        });
    }

    private static CannotGetJdbcConnectionException connectionRefused() {
        return new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLException("Connection refused", "08001"));
    }
}
