package io.hindsight.audit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The highest global position below which no event can still appear. Positions are taken by appending
 * transactions before they commit, so a reader that just sees position 11 may later see 10 commit.
 * Every appender holds a transaction id before it takes a position (a trigger sees to it), so: read
 * the position sequence, then take a fresh transaction id N; once every transaction older than N has
 * ended, every position up to the value read is either committed or never will be.
 */
@Component
public class FeedHorizon {

    private static final Logger log = LoggerFactory.getLogger(FeedHorizon.class);
    private static final long FRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(2);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private volatile long horizon = -1;
    private volatile long probedAt;
    private volatile boolean probed;
    private volatile long lastProbeStarted;
    private final ReentrantLock probing = new ReentrantLock();

    public FeedHorizon(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public long current() {
        return fresh() ? horizon : probe(false);
    }

    /** A horizon probed after this call began, so it covers every event committed before the call. */
    public long probedNow() {
        return probe(true);
    }

    private boolean fresh() {
        return probed && System.nanoTime() - probedAt < FRESH_NANOS;
    }

    /**
     * One probe at a time; a caller waits for another's probe at most {@link #LOCK_WAIT}, so callers do not queue
     * up behind a database that does not answer (each would otherwise wait out its own statement timeout).
     */
    private long probe(boolean startedAfterCall) {
        long called = System.nanoTime();
        try {
            if (!probing.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DataAccessResourceFailureException("The event store did not answer the feed horizon probe");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("Interrupted while waiting for the feed horizon", e);
        }
        try {
            boolean answered = startedAfterCall ? probed && lastProbeStarted - called > 0 : fresh();
            return answered ? horizon : probeLocked();
        } finally {
            probing.unlock();
        }
    }

    private long probeLocked() {
        long started = System.nanoTime();
        Probe probe = transactions.execute(tx -> new Probe(
                jdbc.sql(
                                "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM domain_event_entry_global_index_seq")
                        .query(Long.class)
                        .single(),
                jdbc.sql("SELECT pg_current_xact_id()::text")
                        .query(String.class)
                        .single()));
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        long pause = 1;
        while (!olderTransactionsEnded(probe.transactionId())) {
            if (System.nanoTime() > deadline) {
                log.debug("A long transaction holds the event feed back at {}", horizon);
                return horizon;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 50);
        }
        horizon = Math.max(horizon, probe.highestTaken());
        probedAt = System.nanoTime();
        lastProbeStarted = started;
        probed = true;
        return horizon;
    }

    private boolean olderTransactionsEnded(String transactionId) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot()) > CAST(:xid AS xid8)")
                .param("xid", transactionId)
                .query(Boolean.class)
                .single());
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the event feed horizon", e);
        }
    }

    private record Probe(long highestTaken, String transactionId) {}
}
