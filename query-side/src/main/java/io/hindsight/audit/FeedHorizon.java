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
    /** The oldest running transaction when the last probe gave up waiting for it; null when none held it back. */
    private volatile Long heldBackBy;

    private final ReentrantLock probing = new ReentrantLock();

    public FeedHorizon(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public long current() {
        return fresh() ? horizon : probe(false);
    }

    /** The horizon of the last probe, without probing; -1 before the first. */
    public long lastKnown() {
        return horizon;
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
     * up behind a database that does not answer (each would otherwise wait out its own statement timeout). A caller
     * that waited that long is served the previous horizon: the probe it waited for is held back by a long
     * transaction, not by a database that is gone. Only before any probe has answered is that a 503.
     */
    private long probe(boolean startedAfterCall) {
        long called = System.nanoTime();
        try {
            if (!probing.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                if (probed) {
                    return horizon;
                }
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

    /** The highest position any appender has taken, committed or not; no event will ever be found above it yet. */
    public long highestTaken() {
        return jdbc.sql(
                        "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM domain_event_entry_global_index_seq")
                .query(Long.class)
                .single();
    }

    private long probeLocked() {
        long started = System.nanoTime();
        Probe probe = transactions.execute(tx -> new Probe(
                highestTaken(),
                jdbc.sql("SELECT pg_current_xact_id()::text")
                        .query(String.class)
                        .single()));
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        long pause = 1;
        long older = Long.parseLong(probe.transactionId());
        for (long oldest = oldestRunning(); oldest <= older; oldest = oldestRunning()) {
            // A transaction that already held one probe back for MAX_WAIT is not waited for again: every page
            // request would otherwise take two seconds for as long as someone keeps a transaction open.
            if (System.nanoTime() > deadline || Long.valueOf(oldest).equals(heldBackBy)) {
                log.debug("Transaction {} holds the event feed back at {}", oldest, horizon);
                heldBackBy = oldest;
                return horizon;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 50);
        }
        heldBackBy = null;
        horizon = Math.max(horizon, probe.highestTaken());
        probedAt = System.nanoTime();
        lastProbeStarted = started;
        probed = true;
        return horizon;
    }

    /** The oldest transaction still running, or the next to begin when none is. */
    private long oldestRunning() {
        return Long.parseLong(jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
                .query(String.class)
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
