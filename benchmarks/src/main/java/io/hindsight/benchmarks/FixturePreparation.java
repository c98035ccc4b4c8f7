package io.hindsight.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.account.AuthService;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUp;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.benchmarks.ProjectionProgress.EventTableHead;
import io.hindsight.benchmarks.http.Http;
import io.hindsight.benchmarks.replay.ReplayBenchmark;
import io.hindsight.command.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Puts the data the benchmarks need into the running application: members with access tokens, the ADMIN's
 * token (logged in over HTTP), and a body of account events appended through the application's own event
 * storage engine and serializer, which its projection then catches up with.
 */
final class FixturePreparation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS_PER_TRANSACTION = 1000;

    private FixturePreparation() {}

    /** What was prepared, and how long it took. */
    record Prepared(Fixture fixture, EventTableHead head, Duration members, Duration seeding, Duration liveCatchUp) {}

    static Prepared prepare(InProcessApp app, SuiteSettings settings) throws Exception {
        long started = System.nanoTime();
        List<Fixture.Member> members = createMembers(app, settings.members());
        String adminToken = logIn(new Http(app.baseUri()), InProcessApp.ADMIN_EMAIL, InProcessApp.ADMIN_PASSWORD);
        long membersCreated = System.nanoTime();
        seedAccountEvents(app, settings.seededAccounts(), settings.eventsPerSeededAccount());
        long seeded = System.nanoTime();
        ProjectionProgress accounts = new ProjectionProgress(app, ReplayBenchmark.PROCESSOR);
        EventTableHead head = accounts.head();
        accounts.await(head.lastGlobalIndex(), Duration.ofMinutes(5));
        long caughtUp = System.nanoTime();
        Fixture fixture = new Fixture(app.baseUri(), app.jdbcUrl(), adminToken, settings.listKeyword(), members);
        return new Prepared(
                fixture,
                head,
                Duration.ofNanos(membersCreated - started),
                Duration.ofNanos(seeded - membersCreated),
                Duration.ofNanos(caughtUp - seeded));
    }

    /**
     * Members opened the way the sign-up endpoint opens them (the SignUp command, then tokens from the
     * application's token service) but sharing one precomputed bcrypt hash, so hundreds of them take seconds:
     * enough members that their event streams stay short however fast the commands run.
     */
    private static List<Fixture.Member> createMembers(InProcessApp app, int count) throws Exception {
        Commands commands = app.bean(Commands.class);
        AuthService auth = app.bean(AuthService.class);
        String passwordHash = app.bean(PasswordEncoder.class).encode("bench-password");
        String runTag = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Fixture.Member>> created = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int number = i;
                created.add(workers.submit(() -> {
                    AccountId id = AccountId.newId();
                    commands.sendAs(
                            id.value(),
                            new SignUp(
                                    id,
                                    "bench-" + number + "-" + runTag + "@bench.hindsight.test",
                                    passwordHash,
                                    new ProfileFields("Bench Member " + number, null, null),
                                    Set.of(Role.MEMBER),
                                    SignUpMethod.PASSWORD,
                                    null));
                    return new Fixture.Member(id.value(), auth.logInVerified(id).accessToken());
                }));
            }
            List<Fixture.Member> members = new ArrayList<>(count);
            for (Future<Fixture.Member> member : created) {
                members.add(member.get());
            }
            warmUp(app, members, workers);
            return members;
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * One {@code GET /api/me} per member: a member's first request loads its token validity from PostgreSQL into
     * Redis, which every later request reads; the benchmarks measure the steady state after that.
     */
    private static void warmUp(InProcessApp app, List<Fixture.Member> members, ExecutorService workers)
            throws Exception {
        Http http = new Http(app.baseUri());
        List<Future<byte[]>> reads = new ArrayList<>(members.size());
        for (Fixture.Member member : members) {
            reads.add(workers.submit(() -> http.exchange(http.get("/api/me", member.accessToken()), 200)));
        }
        for (Future<byte[]> read : reads) {
            read.get();
        }
    }

    private static String logIn(Http http, String email, String password) {
        String body = json(Map.of("email", email, "password", password));
        return parse(http.exchange(http.withJson("POST", "/api/auth/login", null, body), 200))
                .path("accessToken")
                .asText();
    }

    /** Accounts with a sign-up and then profile changes, appended in transactions of a thousand events. */
    private static void seedAccountEvents(InProcessApp app, int accounts, int eventsPerAccount) {
        EventStorageEngine engine = app.bean(EventStorageEngine.class);
        TransactionManager transactions = app.bean(TransactionManager.class);
        List<EventMessage<?>> batch = new ArrayList<>(EVENTS_PER_TRANSACTION + eventsPerAccount);
        for (int account = 0; account < accounts; account++) {
            String id = UUID.randomUUID().toString();
            batch.add(AccountEvents.signedUp(id, account));
            for (int sequence = 1; sequence < eventsPerAccount; sequence++) {
                batch.add(AccountEvents.profileChanged(id, sequence, account));
            }
            if (batch.size() >= EVENTS_PER_TRANSACTION || account == accounts - 1) {
                List<EventMessage<?>> events = List.copyOf(batch);
                transactions.executeInTransaction(() -> engine.appendEvents(events));
                batch.clear();
            }
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
