package io.hindsight.benchmarks.http;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.benchmarks.AccountEvents;
import io.hindsight.benchmarks.Database;
import io.hindsight.benchmarks.EventTable;
import io.hindsight.benchmarks.Fixture;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A command through the whole application (HTTP, JWT and revocation check, Axon command bus, aggregate load,
 * lookup table, event append, commit) against the physical ceiling: the same read + insert + commit in raw
 * JDBC on the same PostgreSQL and the same event table layout, one connection per thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CommandBenchmark {

    static final String RAW_SCHEMA = "bench_raw_ceiling";
    static final int RAW_AGGREGATES_PER_THREAD = 1024;

    Fixture fixture;

    @Setup(Level.Trial)
    public void loadFixture() {
        fixture = Fixture.load();
    }

    /** A client changing the nicknames of its own members in turn (a nickname also updates the lookup table). */
    @State(Scope.Thread)
    public static class ProfileEditor {

        private Http http;
        private List<Fixture.Member> members;
        private String nicknamePrefix;
        private long changes;

        @Setup(Level.Trial)
        public void connect(CommandBenchmark benchmark, ThreadParams thread) {
            http = new Http(benchmark.fixture.baseUri());
            members = benchmark.fixture.membersOfThread(thread.getThreadIndex(), thread.getThreadCount());
            nicknamePrefix = "b" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36)
                    + thread.getThreadIndex() + "-";
        }

        HttpRequest nextChange() {
            Fixture.Member member = members.get((int) (changes % members.size()));
            String nickname = nicknamePrefix + Long.toString(changes++, 36);
            return http.withJson("PATCH", "/api/me", member.accessToken(), "{\"nickname\":\"" + nickname + "\"}");
        }
    }

    @Benchmark
    public int changeProfileOverHttp(ProfileEditor editor) {
        return editor.http.exchange(editor.nextChange(), 200).length;
    }

    @State(Scope.Benchmark)
    public static class RawSchema {

        @Setup(Level.Trial)
        public void create(CommandBenchmark benchmark) {
            EventTable.PRODUCTION.recreate(benchmark.fixture.jdbcUrl(), RAW_SCHEMA);
        }
    }

    /** One JDBC connection of its own and aggregates of its own, seeded with one event each per iteration. */
    @State(Scope.Thread)
    public static class RawConnection {

        private static final String COLUMNS = "event_identifier, aggregate_identifier, sequence_number, type, "
                + "time_stamp, payload_type, payload_revision, payload, meta_data";

        private Connection connection;
        private PreparedStatement readStream;
        private PreparedStatement append;
        private byte[] signedUpPayload;
        private byte[] changedPayload;
        private byte[] metadata;
        private List<String> aggregates;
        private int next;

        @Setup(Level.Trial)
        public void open(CommandBenchmark benchmark, RawSchema schema) throws SQLException {
            connection = Database.connect(benchmark.fixture.jdbcUrlInSchema(RAW_SCHEMA));
            connection.setAutoCommit(false);
            readStream = connection.prepareStatement("SELECT global_index, " + COLUMNS + " FROM domain_event_entry "
                    + "WHERE aggregate_identifier = ? AND sequence_number >= ? AND sequence_number < ? "
                    + "ORDER BY sequence_number ASC");
            append = connection.prepareStatement(
                    "INSERT INTO domain_event_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            Serializer serializer = AccountEvents.serializer();
            String id = UUID.randomUUID().toString();
            signedUpPayload = serializer
                    .serialize(AccountEvents.signedUp(id, 0).getPayload(), byte[].class)
                    .getData();
            changedPayload = serializer
                    .serialize(
                            new ProfileChanged(
                                    AccountId.of(id), new ProfileFields(null, "raw-nickname", null), Instant.now()),
                            byte[].class)
                    .getData();
            metadata = serializer
                    .serialize(MetaData.from(Map.of("actorId", id, "correlationId", id)), byte[].class)
                    .getData();
        }

        @Setup(Level.Iteration)
        public void seed() throws SQLException {
            aggregates = new ArrayList<>(RAW_AGGREGATES_PER_THREAD);
            for (int i = 0; i < RAW_AGGREGATES_PER_THREAD; i++) {
                String id = UUID.randomUUID().toString();
                aggregates.add(id);
                bindAppend(id, 0, "io.hindsight.account.api.AccountSignedUp", signedUpPayload);
                append.addBatch();
            }
            append.executeBatch();
            connection.commit();
            next = 0;
        }

        private void bindAppend(String aggregateId, long sequence, String payloadType, byte[] payload)
                throws SQLException {
            append.setString(1, UUID.randomUUID().toString());
            append.setString(2, aggregateId);
            append.setLong(3, sequence);
            append.setString(4, AccountEvents.AGGREGATE_TYPE);
            append.setString(5, Instant.now().toString());
            append.setString(6, payloadType);
            append.setString(7, "1");
            append.setBytes(8, payload);
            append.setBytes(9, metadata);
        }

        long readAppendCommit() throws SQLException {
            String id = aggregates.get(next++ % aggregates.size());
            long last = -1;
            long bytes = 0;
            readStream.setString(1, id);
            readStream.setLong(2, 0);
            readStream.setLong(3, 500);
            try (ResultSet rows = readStream.executeQuery()) {
                while (rows.next()) {
                    last = rows.getLong("sequence_number");
                    bytes += rows.getBytes("payload").length
                            + rows.getBytes("meta_data").length
                            + rows.getString("payload_type").length()
                            + rows.getString("time_stamp").length();
                }
            }
            bindAppend(id, last + 1, "io.hindsight.account.api.ProfileChanged", changedPayload);
            append.executeUpdate();
            connection.commit();
            return bytes;
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
        }
    }

    @Benchmark
    public long rawReadAppendCommit(RawConnection raw) throws SQLException {
        return raw.readAppendCommit();
    }
}
