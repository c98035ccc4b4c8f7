package io.hindsight.benchmarks.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.account.Account;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.benchmarks.InProcessApp;
import io.hindsight.benchmarks.http.Http;
import io.hindsight.common.MetadataKeys;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reads and profile changes of one account with {@link #CHANGES} profile changes against the same requests of a fresh
 * account, over HTTP from the application's JVM: neither the read model nor the command side (its aggregate cached or
 * loaded from the store) may get slower as an account's history grows. The changes are
 * appended through the application's storage engine, a millisecond apart after the sign-up, and the projection
 * catches up before anything is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LongHistoryBenchmark {

    public static final int CHANGES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicLong NAMES = new AtomicLong();

    private static Accounts accounts;

    @Param({"FRESH", "LONG"})
    public String variant;

    private Http http;
    private String adminToken;
    private Reader reader;

    /** The two accounts, created once for every variant. */
    private record Accounts(Reader fresh, Reader longOne) {}

    /** One account's token, id and the instant its reads ask about. */
    private record Reader(String accountId, String accessToken, Instant middle) {}

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        InProcessApp app = InProcessApp.current();
        http = new Http(app.baseUri());
        adminToken = JSON.readTree(http.exchange(
                        http.withJson(
                                "POST",
                                "/api/auth/login",
                                null,
                                JSON.writeValueAsString(Map.of(
                                        "email", InProcessApp.ADMIN_EMAIL, "password", InProcessApp.ADMIN_PASSWORD))),
                        200))
                .path("accessToken")
                .asText();
        synchronized (LongHistoryBenchmark.class) {
            if (accounts == null) {
                accounts = new Accounts(member(app, "Fresh", 0), member(app, "Long", CHANGES));
            }
        }
        reader = variant.equals("LONG") ? accounts.longOne() : accounts.fresh();
    }

    private static Reader member(InProcessApp app, String name, int changes) throws Exception {
        OpenedMember member = OpenedMember.open(app, name.toLowerCase(), name + " History");
        AccountId id = member.id();
        String token = member.accessToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 1; i <= changes; i++) {
            Instant at = now.plusMillis(i);
            events.add(new GenericDomainEventMessage<>(
                    "Account",
                    id.value(),
                    i,
                    new ProfileChanged(id, new ProfileFields(name + " v" + i, null, null), at),
                    Map.of(
                            MetadataKeys.ACTOR_ID,
                            id.value(),
                            MetadataKeys.CORRELATION_ID,
                            UUID.randomUUID().toString()),
                    UUID.randomUUID().toString(),
                    at));
        }
        EventStorageEngine engine = app.bean(EventStorageEngine.class);
        TransactionManager transactions = app.bean(TransactionManager.class);
        for (int from = 0; from < events.size(); from += 1000) {
            List<EventMessage<?>> batch = List.copyOf(events.subList(from, Math.min(events.size(), from + 1000)));
            transactions.executeInTransaction(() -> engine.appendEvents(batch));
        }
        awaitProjected(app, id.value(), changes);
        return new Reader(id.value(), token, now.plusMillis(changes / 2));
    }

    private static void awaitProjected(InProcessApp app, String accountId, long sequence) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (Connection connection = app.dataSource().getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT last_sequence FROM account_view WHERE aggregate_id = ?")) {
            query.setString(1, accountId);
            while (true) {
                try (ResultSet row = query.executeQuery()) {
                    if (row.next() && row.getLong(1) >= sequence) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The accounts projection did not reach " + accountId);
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
    }

    /**
     * A command whose aggregate is not in this node's cache, as when another command node changed it last or this node
     * restarted: the command loads the aggregate from the event store.
     */
    @State(Scope.Thread)
    public static class AggregateNotCached {

        private Cache accountCache;

        @Setup(Level.Trial)
        public void find() {
            accountCache = InProcessApp.current().bean("aggregateCache." + Account.class.getName(), Cache.class);
        }

        @Setup(Level.Invocation)
        public void forget() {
            accountCache.removeAll();
        }
    }

    @Benchmark
    public byte[] changeProfile() {
        return changeName();
    }

    @Benchmark
    public byte[] changeProfileNotCached(AggregateNotCached notCached) {
        return changeName();
    }

    private byte[] changeName() {
        return http.exchange(
                http.withJson(
                        "PATCH",
                        "/api/me",
                        reader.accessToken(),
                        "{\"name\":\"" + variant + " n" + NAMES.incrementAndGet() + "\"}"),
                200);
    }

    @Benchmark
    public byte[] readMe() {
        return http.exchange(http.get("/api/me", reader.accessToken()), 200);
    }

    @Benchmark
    public byte[] readAsOf() {
        return http.exchange(
                get("/api/admin/users/" + reader.accountId() + "?asOf=" + reader.middle() + "&knownAt="
                        + reader.middle()),
                200);
    }

    @Benchmark
    public byte[] readHistoryPage() {
        return http.exchange(
                get("/api/admin/users/" + reader.accountId() + "/history?limit=20&knownAt=" + reader.middle()), 200);
    }

    private HttpRequest get(String path) {
        return http.get(path, adminToken);
    }
}
