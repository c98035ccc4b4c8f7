package io.hindsight.benchmarks;

import io.hindsight.benchmarks.engine.EngineVariant;
import io.hindsight.benchmarks.engine.EventStorageEngineBenchmark;
import io.hindsight.benchmarks.replay.LongHistoryBenchmark;
import io.hindsight.benchmarks.replay.ReplayBenchmark;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** The suite's results as Markdown: the machine, the command, one table per question and the ratios. */
final class MarkdownReport {

    private final RunSummary run;
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport(RunSummary run) {
        this.run = run;
    }

    static String render(RunSummary run) {
        return new MarkdownReport(run).all();
    }

    private String all() {
        line("# Hindsight benchmark report");
        line("");
        line("Run at "
                + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        run.started().atOffset(ZoneOffset.UTC).withNano(0))
                + " UTC, took " + run.took().toSeconds() + " s. Load average (1/5/15 min) before: "
                + run.loadAverageBefore() + ", after: " + run.loadAverageAfter() + ".");
        line("");
        line("Command: `" + run.settings().commandLine() + "`");
        line("");
        machine();
        data();
        if (run.settings().runs("engines")) {
            engines();
        }
        if (run.settings().runs("commands")) {
            commands();
        }
        if (run.settings().runs("replay")) {
            replay();
        }
        if (run.settings().runs("queries")) {
            queries();
        }
        line("Method: JMH. Sections 1, 2 and 4: sample time, one forked JVM per row, 1 warm-up iteration of "
                + run.settings().warmupSeconds() + " s, then " + run.settings().iterations() + " x "
                + run.settings().iterationSeconds() + " s; latency percentiles over every measured operation of all "
                + "threads; ops/s = threads / mean latency (closed loop, no think time). Section 3: single shots in "
                + "the application's JVM after one unmeasured warm-up shot (JMH's log prints its time).");
        return out.toString();
    }

    private void machine() {
        MachineFacts m = run.machine();
        line("## Machine");
        line("");
        line("| | |");
        line("|---|---|");
        line("| CPU | " + m.cpu() + ", " + m.cores() + " cores available to the JVM |");
        line("| RAM | " + m.memory() + " |");
        line("| Disk (PostgreSQL data) | " + m.disk() + " |");
        line("| OS | " + m.os() + " |");
        line("| JDK | " + m.jdk() + " |");
        line("| PostgreSQL | " + m.postgres() + " (embedded, zonky, started by the application) |");
        m.postgresSettings().forEach((name, value) -> line("| `" + name + "` | " + value + " |"));
        line("");
    }

    private void data() {
        FixturePreparation.Prepared p = run.prepared();
        line("## Data");
        line("");
        line("- " + p.fixture().members().size() + " members opened through the application's command bus (the "
                + "sign-up endpoint's SignUp command with one shared precomputed bcrypt hash) and given tokens by its "
                + "token service, then one `GET /api/me` each (their token validity is then cached in Redis, as "
                + "in steady state), in " + seconds(p.members())
                + "; each benchmark thread drives its own share of them.");
        line("- " + run.settings().seededAccounts() + " accounts x "
                + run.settings().eventsPerSeededAccount()
                + " events appended through the application's own storage engine in " + seconds(p.seeding())
                + "; the live `accounts` projection then caught up in " + seconds(p.liveCatchUp())
                + ". Event table: " + count(p.head().events()) + " rows before the benchmarks.");
        line("");
    }

    private void engines() {
        line("## 1. Event storage engine: Axon JDBC vs JPA");
        line("");
        line("Each variant in a fresh schema of the same PostgreSQL; HikariCP (" + EventStorageEngineBenchmark.POOL_SIZE
                + " connections), Spring "
                + "transaction manager, Jackson, read batch 500. `production` = the application's V1_1 migration "
                + "(global index from a BEFORE INSERT trigger); `bigserial` = same columns, plain bigserial. JPA = "
                + "Hibernate 6 on Axon's own entities, `@Lob byte[]` mapped to `bytea`, global index IDENTITY. "
                + "Load + append reads an aggregate of 1-" + (1 + maxAppendsPerAggregate())
                + " events (payloads deserialized), appends one, commits.");
        line("");
        line("| operation | threads | engine | event table | ops/s | mean ms | p50 ms | p95 ms | p99 ms | samples |");
        line("|---|---:|---|---|---:|---:|---:|---:|---:|---:|");
        for (String operation : new String[] {"appendToNewAggregate", "loadAndAppend"}) {
            for (int threads : run.settings().threads()) {
                for (EngineVariant variant : run.settings().engines()) {
                    run.find(operation, threads, variant.name())
                            .ifPresent(m -> line("| " + operationName(operation)
                                    + " | " + threads + " | " + variant.engine() + " | "
                                    + variant.table().name().toLowerCase(Locale.ROOT)
                                    + " | " + latencyColumns(m) + " |"));
                }
            }
        }
        line("");
        line("PostgreSQL large objects in the database after the run: " + run.largeObjects()
                + " (JPA payloads went to `bytea`; Hibernate also validated the mapping against the table at start).");
        line("");
        line("Ratios (ops/s):");
        line("");
        for (String operation : new String[] {"appendToNewAggregate", "loadAndAppend"}) {
            for (int threads : run.settings().threads()) {
                ratio(
                        operation,
                        threads,
                        EngineVariant.JPA_PRODUCTION,
                        EngineVariant.JDBC_PRODUCTION,
                        "JPA / JDBC (production table)");
                ratio(
                        operation,
                        threads,
                        EngineVariant.JPA_BIGSERIAL,
                        EngineVariant.JDBC_BIGSERIAL,
                        "JPA / JDBC (bigserial table)");
                ratio(
                        operation,
                        threads,
                        EngineVariant.JDBC_PRODUCTION,
                        EngineVariant.JDBC_BIGSERIAL,
                        "JDBC production (trigger) / bigserial");
            }
        }
        line("");
    }

    private long maxAppendsPerAggregate() {
        return run.measurements().stream()
                .filter(m -> m.benchmark().equals("loadAndAppend"))
                .mapToLong(m -> (long) Math.ceil(m.operationsPerSecond()
                        / m.threads()
                        * run.settings().iterationSeconds()
                        / EventStorageEngineBenchmark.AGGREGATES_PER_THREAD))
                .max()
                .orElse(1);
    }

    private void ratio(String operation, int threads, EngineVariant a, EngineVariant b, String label) {
        Optional<Measurement> x = run.find(operation, threads, a.name());
        Optional<Measurement> y = run.find(operation, threads, b.name());
        if (x.isPresent() && y.isPresent()) {
            line("- " + operationName(operation) + ", " + threads + " thread(s): " + label + " = "
                    + times(x.get().operationsPerSecond() / y.get().operationsPerSecond())
                    + " (p50 " + millis(x.get().p50Millis()) + " vs "
                    + millis(y.get().p50Millis()) + " ms)");
        }
    }

    private void commands() {
        line("## 2. Commands through HTTP vs the raw PostgreSQL ceiling");
        line("");
        line("HTTP: `PATCH /api/me` changing the nickname (JWT + Redis revocation check, command bus, aggregate load, "
                + "nickname lookup table, event append, commit), one `java.net.http` client per thread, each on its own "
                + "members. Raw: one JDBC connection per thread, read the aggregate's events + insert one event row + "
                + "commit, into a copy of the production event table (trigger included) in the same PostgreSQL.");
        run.memberEventsAfterCommands()
                .ifPresent(
                        events -> line(
                                "Member aggregates held " + String.format(Locale.ROOT, "%.1f", events)
                                        + " events on average after the command runs (no snapshots; each node caches aggregates and checks them against the event store)."));
        line("");
        line(
                "| threads | HTTP ops/s | HTTP p50 / p95 / p99 ms | raw ops/s | raw p50 / p95 / p99 ms | HTTP / raw ops/s |");
        line("|---:|---:|---|---:|---|---:|");
        for (int threads : run.settings().threads()) {
            Optional<Measurement> http = run.find("changeProfileOverHttp", threads, null);
            Optional<Measurement> raw = run.find("rawReadAppendCommit", threads, null);
            line("| " + threads + " | "
                    + http.map(m -> count(m.operationsPerSecond())).orElse("-") + " | "
                    + http.map(this::percentiles).orElse("-") + " | "
                    + raw.map(m -> count(m.operationsPerSecond())).orElse("-")
                    + " | " + raw.map(this::percentiles).orElse("-") + " | "
                    + (http.isPresent() && raw.isPresent()
                            ? times(http.get().operationsPerSecond() / raw.get().operationsPerSecond())
                            : "-")
                    + " |");
        }
        line("");
    }

    private void replay() {
        line("## 3. Projection catch-up (replay) vs a raw ordered scan");
        line("");
        long events = run.replayedTable()
                .map(ProjectionProgress.EventTableHead::events)
                .orElse(0L);
        line("Replay: the application's `accounts` pooled streaming processor with its production settings ("
                + run.processorSettings() + ") shut down, tokens reset (read model cleared), "
                + "started, timed until every segment's token reached the last global index. Scan: one "
                + "`SELECT <every column> FROM domain_event_entry ORDER BY global_index`, fetch size "
                + ReplayBenchmark.SCAN_FETCH_SIZE + ". Both over the same " + count(events) + " events; single shots.");
        line("");
        line("| measurement | shots | mean s | fastest / slowest shot s | events/s (mean) | events/s (fastest shot) |");
        line("|---|---:|---:|---|---:|---:|");
        Optional<Measurement> replay = run.find("replayAccountsProjection", 1, null);
        Optional<Measurement> verified = run.find("verifiedReplayOfAccounts", 1, null);
        Optional<Measurement> scan = run.find("scanEventTable", 1, null);
        replay.ifPresent(m -> line("| replay of `accounts` | " + shotColumns(m, events) + " |"));
        verified.ifPresent(m -> line("| verified replay of `accounts` | " + shotColumns(m, events) + " |"));
        scan.ifPresent(m -> line("| raw ordered scan | " + shotColumns(m, events) + " |"));
        Optional<Measurement> chain = run.find("chainEveryEvent", 1, null);
        Optional<Measurement> signed = run.find("chainAndCheckpointEveryEvent", 1, null);
        chain.ifPresent(m -> line("| evidence chain from empty | " + shotColumns(m, events) + " |"));
        signed.ifPresent(
                m -> line("| evidence chain + signed checkpoints from empty | " + shotColumns(m, events) + " |"));
        if (replay.isPresent() && scan.isPresent()) {
            line("");
            line("Replay / raw scan = "
                    + times(scan.get().meanMillis() / replay.get().meanMillis()) + ".");
        }
        if (verified.isPresent() && scan.isPresent()) {
            line("");
            line("Verified replay (pause, rebuild side by side, compare, drop) / raw scan = "
                    + times(scan.get().meanMillis() / verified.get().meanMillis()) + ".");
        }
        if (chain.isPresent() && scan.isPresent()) {
            line("Evidence chain / raw scan = "
                    + times(scan.get().meanMillis() / chain.get().meanMillis())
                    + " (the chainer reads every stored byte, hashes it and writes one row per event, in batches of "
                    + "500 per transaction; the checkpoints sign Merkle trees of up to 16,384 leaves).");
        }
        line("");
        longHistory();
        projectionLag();
    }

    private void longHistory() {
        if (run.find("readMe", 1, "LONG").isEmpty()) {
            return;
        }
        line("## 3b. Reads and commands of an account with a long profile history");
        line("");
        line("One account with " + count(LongHistoryBenchmark.CHANGES) + " profile changes and one fresh account, "
                + "read over HTTP by one client in the application's JVM (JMH sample time): `GET /api/me`, `GET "
                + "/api/admin/users/{id}?asOf=&knownAt=` (both in the middle of the long history), and one history "
                + "page of 20 known at the same instant; `PATCH /api/me` changing the name, with the account's aggregate in "
                + "the node's cache and without it (as when another command node changed it last: the command loads "
                + "the aggregate from the event store).");
        line("");
        line("| request | account | ops/s | mean ms | p50 ms | p95 ms | p99 ms | samples | long / fresh p50 |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String read :
                new String[] {"readMe", "readAsOf", "readHistoryPage", "changeProfile", "changeProfileNotCached"}) {
            Optional<Measurement> fresh = run.find(read, 1, "FRESH");
            for (String variant : new String[] {"FRESH", "LONG"}) {
                run.find(read, 1, variant)
                        .ifPresent(m -> line("| `" + read + "` | " + variant + " | " + count(m.operationsPerSecond())
                                + " | " + millis(m.meanMillis()) + " | " + millis(m.p50Millis()) + " | "
                                + millis(m.p95Millis()) + " | " + millis(m.p99Millis()) + " | " + count(m.samples())
                                + " | "
                                + (variant.equals("LONG") && fresh.isPresent()
                                        ? times(m.p50Millis() / fresh.get().p50Millis())
                                        : "")
                                + " |"));
            }
        }
        line("");
    }

    private void projectionLag() {
        run.find("untilTheReadModelShowsIt", 8, null).ifPresent(lag -> {
            line("## 3c. Command-to-read-model lag under eight clients");
            line("");
            line("Eight threads in the application's JVM, each changing its own member's name with `PATCH /api/me` "
                    + "(untimed, returns after the commit) and then timed until the `accounts` read model shows the "
                    + "new name (polled every millisecond).");
            line("");
            line("| threads | mean ms | p50 ms | p95 ms | p99 ms | samples |");
            line("|---:|---:|---:|---:|---:|---:|");
            line("| 8 | " + millis(lag.meanMillis()) + " | " + millis(lag.p50Millis()) + " | " + millis(lag.p95Millis())
                    + " | " + millis(lag.p99Millis()) + " | " + count(lag.samples()) + " |");
            line("");
        });
    }

    private void queries() {
        line("## 4. Queries under concurrent load");
        line("");
        line("`GET /api/me` (each thread its own members), `GET /api/admin/users?keyword="
                + run.settings().listKeyword()
                + "` (ADMIN, first page of 20, total and matched counts), over "
                + count(run.prepared().fixture().members().size()
                        + run.settings().seededAccounts()) + " accounts.");
        line("");
        line("| query | threads | ops/s | mean ms | p50 ms | p95 ms | p99 ms | samples |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String query : new String[] {"getMe", "searchUsers"}) {
            for (int threads : run.settings().threads()) {
                run.find(query, threads, null)
                        .ifPresent(m ->
                                line("| " + operationName(query) + " | " + threads + " | " + latencyColumns(m) + " |"));
            }
        }
        line("");
    }

    private String latencyColumns(Measurement m) {
        return count(m.operationsPerSecond()) + " | " + millis(m.meanMillis()) + " | " + millis(m.p50Millis()) + " | "
                + millis(m.p95Millis()) + " | " + millis(m.p99Millis()) + " | " + count(m.samples());
    }

    private String percentiles(Measurement m) {
        return millis(m.p50Millis()) + " / " + millis(m.p95Millis()) + " / " + millis(m.p99Millis());
    }

    private static String operationName(String benchmark) {
        return switch (benchmark) {
            case "appendToNewAggregate" -> "append to a new aggregate";
            case "loadAndAppend" -> "load + append one";
            case "getMe" -> "`GET /api/me`";
            case "searchUsers" -> "`GET /api/admin/users?keyword=`";
            default -> benchmark;
        };
    }

    private static String shotColumns(Measurement m, long events) {
        return m.samples() + " | " + secondsOf(m.meanMillis()) + " | " + secondsOf(m.minMillis()) + " / "
                + secondsOf(m.maxMillis()) + " | " + count(events * 1000.0 / m.meanMillis()) + " | "
                + count(events * 1000.0 / m.minMillis());
    }

    private static String secondsOf(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis / 1000);
    }

    private static String seconds(java.time.Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
