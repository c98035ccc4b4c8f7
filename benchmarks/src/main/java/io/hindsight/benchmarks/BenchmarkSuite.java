package io.hindsight.benchmarks;

import io.hindsight.benchmarks.ProjectionProgress.EventTableHead;
import io.hindsight.benchmarks.engine.EngineVariant;
import io.hindsight.benchmarks.engine.EventStorageEngineBenchmark;
import io.hindsight.benchmarks.http.CommandBenchmark;
import io.hindsight.benchmarks.http.QueryBenchmark;
import io.hindsight.benchmarks.replay.EvidenceChainBenchmark;
import io.hindsight.benchmarks.replay.LongHistoryBenchmark;
import io.hindsight.benchmarks.replay.ProjectionLagBenchmark;
import io.hindsight.benchmarks.replay.ReplayBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole benchmark run: starts the application in this JVM on a fresh data directory (so with its own
 * embedded PostgreSQL and Redis), prepares members and events, runs the JMH benchmarks side by side against
 * that one PostgreSQL, stops everything and writes the Markdown report. Entry point of benchmarks/run.sh.
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            run(SuiteSettings.parse(args));
        } catch (Throwable failure) {
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static void run(SuiteSettings settings) throws Exception {
        Instant started = Instant.now();
        String loadBefore = MachineFacts.loadAverage();
        Path work = Files.createTempDirectory("hindsight-bench-");
        try {
            RunSummary summary;
            try (InProcessApp app = InProcessApp.start(work.resolve("data"))) {
                MachineFacts machine = MachineFacts.collect(app.jdbcUrl(), work.resolve("data"));
                FixturePreparation.Prepared prepared = FixturePreparation.prepare(app, settings);
                JmhRuns jmh = new JmhRuns(settings, prepared.fixture().writeTo(work.resolve("fixture.properties")));
                List<Measurement> measurements = new ArrayList<>();
                if (settings.runs("engines")) {
                    measurements.addAll(jmh.forkedWithJpa(
                            EventStorageEngineBenchmark.class,
                            Map.of(
                                    "variant",
                                    settings.engines().stream()
                                            .map(EngineVariant::name)
                                            .toArray(String[]::new))));
                }
                Optional<Double> memberEvents = Optional.empty();
                if (settings.runs("commands")) {
                    measurements.addAll(jmh.forked(CommandBenchmark.class, Map.of()));
                    memberEvents = Optional.of(averageEventsPerAggregate(app, prepared.fixture()));
                }
                if (settings.runs("queries")) {
                    measurements.addAll(jmh.forked(QueryBenchmark.class, Map.of()));
                }
                Optional<EventTableHead> replayed = Optional.empty();
                if (settings.runs("replay")) {
                    replayed = Optional.of(new ProjectionProgress(app, ReplayBenchmark.PROCESSOR).head());
                    measurements.addAll(jmh.inProcess(ReplayBenchmark.class, settings.replayShots()));
                    measurements.addAll(jmh.inProcess(EvidenceChainBenchmark.class, settings.replayShots()));
                    measurements.addAll(jmh.inProcessSampled(LongHistoryBenchmark.class));
                    measurements.addAll(jmh.inProcessSampled(ProjectionLagBenchmark.class));
                }
                summary = new RunSummary(
                        settings,
                        machine,
                        loadBefore,
                        MachineFacts.loadAverage(),
                        started,
                        Duration.between(started, Instant.now()),
                        prepared,
                        memberEvents,
                        replayed,
                        projectionSettings(app),
                        largeObjects(app),
                        List.copyOf(measurements));
            }
            String report = MarkdownReport.render(summary);
            Path file = settings.report().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
            System.out.println();
            System.out.println(report);
            System.out.println("Report written to " + file);
        } finally {
            deleteQuietly(work);
        }
    }

    /** How long the members' event streams grew: every command loads the whole stream (no snapshots). */
    private static double averageEventsPerAggregate(InProcessApp app, Fixture fixture) throws SQLException {
        try (Connection connection = app.dataSource().getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT count(*)::float8 / count(DISTINCT aggregate_identifier) "
                                + "FROM domain_event_entry WHERE aggregate_identifier = ANY (?)")) {
            Array ids = connection.createArrayOf(
                    "varchar",
                    fixture.members().stream().map(Fixture.Member::accountId).toArray());
            query.setArray(1, ids);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getDouble(1);
            }
        }
    }

    /** PostgreSQL large objects in the database: payloads must be inline bytea, so this must stay 0. */
    private static long largeObjects(InProcessApp app) throws SQLException {
        try (Connection connection = app.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_largeobject_metadata");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The application's projection tuning (its ProjectionProperties record, as it prints itself). */
    private static String projectionSettings(InProcessApp app) {
        try {
            return String.valueOf(app.bean(Class.forName("io.hindsight.platform.axon.ProjectionProperties")));
        } catch (ClassNotFoundException e) {
            return "unknown";
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is not worth failing the run for.
        }
    }
}
