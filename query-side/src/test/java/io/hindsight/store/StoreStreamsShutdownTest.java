package io.hindsight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.audit.FeedHorizon;
import io.hindsight.projection.EventStoreReader;
import io.hindsight.query.LiveStreamShares;
import io.hindsight.query.StreamAccess;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The node stopping interrupts a poll that waits for the feed horizon: that is no error, and is not logged as one. */
class StoreStreamsShutdownTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(StoreStreams.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Level levelBefore = logger.getLevel();

    @AfterEach
    void detach() {
        logger.detachAppender(logged);
        logger.setLevel(levelBefore);
    }

    @Test
    void aPollInterruptedByTheNodeStoppingLogsNoError() throws Exception {
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.DEBUG);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        FeedHorizon horizon = mock(FeedHorizon.class);
        when(horizon.current()).thenAnswer(call -> {
            waiting.countDown();
            try {
                // a horizon that never comes: only the stopping node's interrupt ends the wait
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the event feed horizon", e);
            }
            return 0L;
        });
        StoreStreams streams = new StoreStreams(
                mock(EventStoreReader.class),
                horizon,
                mock(JdbcClient.class),
                new ObjectMapper(),
                mock(StreamAccess.class),
                new LiveStreamShares(16),
                Duration.ofSeconds(15));
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

        streams.destroy();

        await().atMost(Duration.ofSeconds(10)).until(() -> !logged.list.isEmpty());
        assertThat(logged.list).extracting(ILoggingEvent::getLevel).doesNotContain(Level.ERROR, Level.WARN);
    }
}
