package io.hindsight.platform.time;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One clock for the cluster, PostgreSQL's (see {@link DatabaseClock}), for everything whose outcome depends on the
 * time: aggregates deciding by it and stamping their events (Axon's event clock), deadlines falling due, segment
 * claims timing out (Axon's token clock), tokens expiring, evidence checkpoints, idempotency claims. With each node on
 * its own wall clock, a node some seconds ahead ended campaigns and expired holds that many seconds early, and one
 * behind accepted fundings after the end.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClockProperties.class)
public class ClusterClockConfiguration {

    @Bean(destroyMethod = "close")
    public ClusterClock clusterClock(DataSource dataSource, ClockProperties properties) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DatabaseClock clock = new DatabaseClock(
                () -> jdbc.execute((ConnectionCallback<DatabaseClock.Reading>) connection -> {
                    try (var statement = connection.prepareStatement("SELECT clock_timestamp()")) {
                        long before = System.nanoTime();
                        try (ResultSet row = statement.executeQuery()) {
                            long after = System.nanoTime();
                            row.next();
                            return DatabaseClock.Reading.between(
                                    before,
                                    row.getObject(1, OffsetDateTime.class).toInstant(),
                                    after);
                        }
                    }
                }),
                System::nanoTime,
                properties.slowestReading());
        return new ClusterClock(clock, properties);
    }

    @Bean
    public Clock clock(ClusterClock clusterClock) {
        return clusterClock.clock();
    }

    /**
     * The clock, read again every {@code hindsight.clock.read-every}, and Axon's own clocks set to it while it runs.
     * Axon's clocks are the JVM's: with several applications in one (a test's second node), they are the clock of the
     * latest one still running, and the system's once none is.
     */
    public static final class ClusterClock implements AutoCloseable {

        private static final Deque<Clock> RUNNING = new ArrayDeque<>();

        private final DatabaseClock clock;
        private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "database-clock");
            thread.setDaemon(true);
            return thread;
        });

        ClusterClock(DatabaseClock clock, ClockProperties properties) {
            this.clock = clock;
            long every = properties.readEvery().toMillis();
            reader.scheduleWithFixedDelay(clock::synchronize, every, every, TimeUnit.MILLISECONDS);
            synchronized (RUNNING) {
                RUNNING.addLast(clock);
                setAxonClocks(clock);
            }
        }

        public Clock clock() {
            return clock;
        }

        @Override
        public void close() {
            reader.shutdownNow();
            synchronized (RUNNING) {
                RUNNING.remove(clock);
                setAxonClocks(RUNNING.isEmpty() ? Clock.systemUTC() : RUNNING.peekLast());
            }
        }

        private static void setAxonClocks(Clock clock) {
            GenericEventMessage.clock = clock;
            AbstractTokenEntry.clock = clock;
        }
    }
}
