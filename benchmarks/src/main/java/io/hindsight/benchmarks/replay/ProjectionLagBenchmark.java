package io.hindsight.benchmarks.replay;

import io.hindsight.benchmarks.InProcessApp;
import io.hindsight.benchmarks.http.Http;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Command-to-read-model lag under eight clients: before each operation (untimed) a thread changes its member's
 * name with {@code PATCH /api/me}, which returns once the event is committed; the timed operation then waits
 * until the accounts read model shows the new name (polled every {@value #POLL_MILLIS} ms on the thread's own
 * connection). Runs in the application's JVM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(8)
public class ProjectionLagBenchmark {

    private static final long POLL_MILLIS = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Http http;
    private String accountId;
    private String accessToken;
    private Connection connection;
    private PreparedStatement nameNow;
    private long changes;
    private String expected;

    @Setup(Level.Trial)
    public void signUp() throws SQLException {
        InProcessApp app = InProcessApp.current();
        http = new Http(app.baseUri());
        OpenedMember member = OpenedMember.open(app, "lag", "Lag Member");
        accountId = member.id().value();
        accessToken = member.accessToken();
        connection = app.dataSource().getConnection();
        nameNow = connection.prepareStatement("SELECT name FROM account_view WHERE aggregate_id = ?");
        nameNow.setString(1, accountId);
    }

    @Setup(Level.Invocation)
    public void changeName() {
        expected = "Lag Member " + (++changes);
        http.exchange(http.withJson("PATCH", "/api/me", accessToken, "{\"name\":\"" + expected + "\"}"), 200);
    }

    @Benchmark
    public void untilTheReadModelShowsIt() throws SQLException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!expected.equals(name())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The accounts read model never showed " + expected);
            }
            LockSupport.parkNanos(Duration.ofMillis(POLL_MILLIS).toNanos());
        }
    }

    private String name() throws SQLException {
        try (ResultSet row = nameNow.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        connection.close();
    }
}
