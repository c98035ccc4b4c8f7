package io.hindsight.benchmarks.replay;

import io.hindsight.audit.evidence.EvidenceChainer;
import io.hindsight.benchmarks.InProcessApp;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * The evidence chainer catching up with the whole event table from an empty chain, one shot each: read every
 * stored event in position order, hash it and write its chain entry (and, in the second benchmark, sign the
 * checkpoints over them too). The application's background chainer is stopped meanwhile. Runs in the JVM of the
 * application (no fork), whose chainer it drives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EvidenceChainBenchmark {

    private static final Duration NO_LIMIT = Duration.ofMinutes(30);

    EvidenceChainer chainer;
    DataSource dataSource;

    @Setup(Level.Trial)
    public void attach() {
        InProcessApp app = InProcessApp.current();
        chainer = app.bean(EvidenceChainer.class);
        dataSource = app.dataSource();
        chainer.stop();
    }

    @Setup(Level.Iteration)
    public void emptyTheChain() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE evidence_chain, evidence_checkpoints");
            statement.execute("UPDATE evidence_chain_head SET chained_through = 0, head_index = 0,"
                    + " head_hash = decode(repeat('00', 32), 'hex')");
        }
    }

    @TearDown(Level.Trial)
    public void leaveRunning() {
        chainer.start();
    }

    @Benchmark
    public long chainEveryEvent() {
        return chainer.catchUp(NO_LIMIT, true);
    }

    @Benchmark
    public long chainAndCheckpointEveryEvent() {
        chainer.catchUp(NO_LIMIT, true);
        return chainer.checkpointNow().checkpoint().checkpointId();
    }
}
