package io.hindsight.benchmarks.replay;

import io.hindsight.benchmarks.Database;
import io.hindsight.benchmarks.InProcessApp;
import io.hindsight.benchmarks.ProjectionProgress;
import io.hindsight.benchmarks.ProjectionProgress.EventTableHead;
import io.hindsight.projection.admin.ProjectionReplay;
import io.hindsight.projection.admin.ReplayStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Projection catch-up against the raw ceiling, one shot each: the application's {@code accounts} processor reset
 * to the start and timed until every segment's token reaches the head of the event table, a verified replay of
 * {@code accounts} (the operator's rebuild), vs one ordered scan of every row and column of that table. Runs in the JVM of the application (no fork), which it needs to reach.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReplayBenchmark {

    public static final String PROCESSOR = "accounts";
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(5);
    public static final int SCAN_FETCH_SIZE = 1000;

    ProjectionProgress accounts;
    EventTableHead head;
    String jdbcUrl;

    @Setup(Level.Trial)
    public void attach() {
        InProcessApp app = InProcessApp.current();
        accounts = new ProjectionProgress(app, PROCESSOR);
        head = accounts.head();
        jdbcUrl = app.jdbcUrl();
    }

    /** Before each shot: the processor stopped, its tokens reset, its read model cleared. */
    @State(Scope.Benchmark)
    public static class ResetProcessor {

        @Setup(Level.Iteration)
        public void reset(ReplayBenchmark benchmark) {
            benchmark.accounts.shutDownAndReset();
        }

        @TearDown(Level.Trial)
        public void leaveRunning(ReplayBenchmark benchmark) {
            benchmark.accounts.start();
        }
    }

    @Benchmark
    public void replayAccountsProjection(ResetProcessor reset) {
        accounts.start();
        accounts.await(head.lastGlobalIndex(), REPLAY_TIMEOUT);
    }

    /**
     * A verified rebuild as an operator starts it: paused, fed from the event store into side-by-side copies,
     * compared with the live tables and dropped (they are equal). Timed until the replay has ended, its status
     * saved and its lock released; the shot waits on the replay's worker rather than polling the status, which
     * took CPU from the replay it measured.
     */
    @Benchmark
    public void verifiedReplayOfAccounts() throws InterruptedException, TimeoutException {
        ProjectionReplay replays = InProcessApp.current().bean(ProjectionReplay.class);
        replays.start(PROCESSOR);
        replays.awaitReplaysStartedHere(REPLAY_TIMEOUT);
        ReplayStatus status = replays.status(PROCESSOR);
        if (status.state() != ReplayStatus.State.COMPLETED || !Boolean.TRUE.equals(status.verified())) {
            throw new IllegalStateException("The verified replay of " + PROCESSOR + " did not verify: " + status);
        }
    }

    @Benchmark
    public long scanEventTable() throws SQLException {
        long bytes = 0;
        try (Connection connection = Database.connect(jdbcUrl)) {
            connection.setAutoCommit(false);
            try (PreparedStatement scan = connection.prepareStatement("SELECT global_index, aggregate_identifier, "
                    + "sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, "
                    + "time_stamp FROM domain_event_entry ORDER BY global_index")) {
                scan.setFetchSize(SCAN_FETCH_SIZE);
                try (ResultSet rows = scan.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(4);
                        rows.getString(8);
                        bytes += rows.getLong(1)
                                + rows.getString(2).length()
                                + rows.getLong(3)
                                + rows.getString(5).length()
                                + rows.getBytes(6).length
                                + rows.getBytes(7).length
                                + rows.getString(9).length()
                                + rows.getString(10).length();
                    }
                }
            }
            connection.commit();
        }
        return bytes;
    }
}
