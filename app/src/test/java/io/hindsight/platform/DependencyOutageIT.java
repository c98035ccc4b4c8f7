package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.hindsight.platform.outage.Outages;
import io.hindsight.support.Api.Member;
import io.hindsight.support.ApiOperations;
import io.hindsight.support.ApiOperations.Call;
import io.hindsight.support.Frozen;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * PostgreSQL or Redis hung (their processes stopped, as a partition or a stuck disk looks): every request is
 * answered within 5 seconds - 503 where it needs the server, never a 500, never a hang - and once the server
 * resumes the system works again within 10 seconds, projections included, with nobody restarting anything.
 */
class DependencyOutageIT extends IntegrationTest {

    private static final long ANSWER_WITHIN_MILLIS = 5_000;
    private static final Duration RECOVERED_WITHIN = Duration.ofSeconds(10);
    private static final long OUTAGE_MILLIS = 12_000;

    @Autowired
    EventProcessingConfiguration processing;

    /** The client gives up later than the server promises to answer, so a slow answer is seen as slow. */
    private static final RestAssuredConfig PATIENT = RestAssured.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 15_000)
                    .setParam("http.socket.timeout", 15_000));

    @Test
    void aHungPostgresIsA503WithinFiveSecondsOnEveryEndpointAndRecoversByItself() throws Exception {
        Member admin = api.withRoles("Outage Admin", "ADMIN", "HOST", "MERCHANT", "PUBLISHER", "AUDITOR");
        Member member = api.signUp("Outage Member");
        admin.request().get("/api/me").then().statusCode(200);
        member.request().get("/api/me").then().statusCode(200);
        ApiOperations described = ApiOperations.fromRunningApi();
        List<Call> calls = described.all().stream().map(described::wellFormed).toList();

        // Writes keep coming before, during and after the outage, so projections are caught in the middle of batches.
        Member busy = api.signUp("Busy Member");
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Timed> busyAnswers = new CopyOnWriteArrayList<>();
        AtomicReference<String> lastAcknowledgedName = new AtomicReference<>();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        writer.submit(() -> {
            for (int n = 0; writing.get(); n++) {
                String name = "Busy " + n;
                Timed answer = timed(
                        "PATCH /api/me (busy)",
                        () -> busy.request()
                                .config(PATIENT)
                                .body(Map.of("name", name))
                                .patch("/api/me"));
                busyAnswers.add(answer);
                if (answer.status() == 200) {
                    lastAcknowledgedName.set(name);
                }
            }
        });
        await().until(() -> lastAcknowledgedName.get() != null);

        List<Timed> answers;
        String depositKey = UUID.randomUUID().toString();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        long frozenAt = System.nanoTime();
        try (Frozen postgres = Frozen.postgres(Frozen.sharedDataDirectory())) {
            answers = sendAllAtOnce(calls, admin);
            answers.add(timed("PATCH /api/me", () -> changeName(member)));
            answers.add(timed("POST /api/auth/login", () -> logIn(member)));
            answers.add(
                    timed("GET /actuator/health", () -> client().config(PATIENT).get("/actuator/health")));
            answers.add(timed(
                    "POST /api/wallet/deposits (Idempotency-Key)",
                    () -> member.request()
                            .config(PATIENT)
                            .header("Idempotency-Key", depositKey)
                            .body(Map.of("amount", 5))
                            .post("/api/wallet/deposits")));
            // more log-ins than the lock-out allows: none could be decided, so none may count as failed
            answers.addAll(atOnce(
                    Collections.nCopies(11, () -> timed("POST /api/auth/login (one of 11)", () -> logIn(member)))));
            // Long enough for the processors to have failed and backed off a few times over.
            await().during(Duration.ofMillis(Math.max(0, OUTAGE_MILLIS - (System.nanoTime() - frozenAt) / 1_000_000)))
                    .atMost(Duration.ofMillis(OUTAGE_MILLIS + 5_000))
                    .until(this::aProjectionIsInError);
        }
        long thawedAt = System.nanoTime();
        await().atMost(leftToRecover(thawedAt))
                .until(() -> busyAnswers.get(busyAnswers.size() - 1).status() == 200);
        root.detachAppender(logged);
        // an outage the node rides out by itself pages no one and floods no log: no ERROR, no stack trace of it
        // (Axon's readers, the scheduler and the live streams logged each failed try with its trace, several at ERROR)
        assertThat(List.copyOf(logged.list))
                .as("logged during the outage")
                .noneSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.ERROR))
                .noneSatisfy(event -> assertThat(event.getThrowableProxy() != null
                                && Outages.isOutage(((ThrowableProxy) event.getThrowableProxy()).getThrowable()))
                        .isTrue());
        writing.set(false);
        writer.shutdown();
        assertThat(writer.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        answers.addAll(busyAnswers);

        assertThat(answers).as("answered within 5 s and never with a 500").allSatisfy(answer -> {
            assertThat(answer.millis()).isLessThan(ANSWER_WITHIN_MILLIS);
            assertThat(answer.status()).isNotEqualTo(500);
        });
        assertThat(answers)
                .filteredOn(answer -> answer.status() == 503 && !answer.what().contains("/actuator/"))
                .as("every 503 of the API says when to try again")
                .allSatisfy(answer -> assertThat(answer.retryAfter()).isEqualTo("1"));
        assertThat(answers.stream().filter(a -> a.status() == 503).map(Timed::what))
                .as("needed PostgreSQL, so 503")
                .contains(
                        "PATCH /api/me",
                        "POST /api/auth/login",
                        "GET /actuator/health",
                        "GET /api/me [well-formed]",
                        "POST /api/products [well-formed]",
                        "GET /api/admin/users [well-formed]");

        await().atMost(leftToRecover(thawedAt))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> member.request()
                        .body(Map.of("name", "Thawed"))
                        .patch("/api/me")
                        .then()
                        .statusCode(200));
        logIn(member).then().statusCode(200);
        // its 503 left nothing done, and the release of its key failed with the database: a retry as Retry-After asks
        // was "in progress" for the key's two minutes
        assertThat(answers)
                .filteredOn(answer -> answer.what().startsWith("POST /api/wallet/deposits (Idempotency-Key)"))
                .singleElement()
                .satisfies(answer -> assertThat(answer.status()).isEqualTo(503));
        await().atMost(leftToRecover(thawedAt))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> member.request()
                        .header("Idempotency-Key", depositKey)
                        .body(Map.of("amount", 5))
                        .post("/api/wallet/deposits")
                        .then()
                        .body("code", not(equalTo("IDEMPOTENCY_IN_PROGRESS"))));
        String product = "After the outage " + UUID.randomUUID();
        api.admin()
                .request()
                .body(Map.of("name", product, "price", 1000))
                .post("/api/products")
                .then()
                .statusCode(201);
        await().atMost(leftToRecover(thawedAt))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> admin.request()
                        .queryParam("keyword", "Thawed")
                        .queryParam("limit", 1000)
                        .get("/api/admin/users")
                        .then()
                        .extract()
                        .<List<String>>path("items.accountId")
                        .contains(member.accountId()));
        await().atMost(leftToRecover(thawedAt))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> lastAcknowledgedName
                        .get()
                        .equals(admin.request()
                                .queryParam("keyword", busy.email())
                                .get("/api/admin/users")
                                .then()
                                .extract()
                                .path("items[0].name")));
        await().atMost(leftToRecover(thawedAt))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> client().queryParam("limit", 1000)
                        .get("/api/products")
                        .then()
                        .extract()
                        .<List<String>>path("items.name")
                        .contains(product));
    }

    /**
     * A replay the database left half-way: saved as still pausing, it showed as running for good, and one whose
     * node could not release its own claims while the database was away kept its projection stopped for a minute
     * after it came back.
     */
    @Test
    void aReplayCaughtByAnOutageEndsAndItsProjectionCatchesUpOnceTheDatabaseIsBack() throws Exception {
        Member admin = api.admin();
        for (String projection : List.of("shop-carts", "audit-correlations")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !Projections.replaying(admin, projection));
        }
        // one asked for while the database is away, one caught rebuilding by it
        try (Frozen postgres = Frozen.postgres(Frozen.sharedDataDirectory())) {
            admin.request()
                    .config(PATIENT)
                    .post("/api/admin/projections/shop-carts/replay")
                    .then()
                    .statusCode(202);
            Thread.sleep(8_000); // the outage itself: its length is what is tested, there is no condition to await
        }
        admin.request()
                .post("/api/admin/projections/audit-correlations/replay")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !"PAUSING".equals(Projections.replayState(admin, "audit-correlations")));
        try (Frozen postgres = Frozen.postgres(Frozen.sharedDataDirectory())) {
            Thread.sleep(8_000); // the outage the rebuild meets
        }
        for (String projection : List.of("shop-carts", "audit-correlations")) {
            await().atMost(RECOVERED_WITHIN.multipliedBy(2)).until(() -> !Projections.replaying(admin, projection));
        }
        for (String projection : List.of("shop-carts", "audit-correlations")) {
            await().atMost(RECOVERED_WITHIN.multipliedBy(2))
                    .until(() -> Projections.named(admin, projection).get("status"), equalTo("RUNNING"));
        }
        Projections.awaitAllCaughtUp(admin);
    }

    @Test
    void aHungRedisIsA503WithinFiveSecondsAuthenticationFailsClosedAndRecoversByItself() throws Exception {
        Member member = api.signUp("Redis Outage Member");
        member.request().get("/api/me").then().statusCode(200);

        List<Timed> answers = new ArrayList<>();
        try (Frozen redis = Frozen.redis(Frozen.sharedDataDirectory())) {
            answers.add(
                    timed("GET /api/me", () -> member.request().config(PATIENT).get("/api/me")));
            answers.add(timed("PATCH /api/me", () -> changeName(member)));
            answers.add(timed("POST /api/auth/login", () -> logIn(member)));
            answers.add(timed(
                    "POST /api/auth/refresh",
                    () -> client().config(PATIENT)
                            .body(Map.of("refreshToken", member.refreshToken()))
                            .post("/api/auth/refresh")));
        }

        assertThat(answers)
                .as("answered 503 within 5 s, saying when to try again")
                .allSatisfy(answer -> {
                    assertThat(answer.millis()).isLessThan(ANSWER_WITHIN_MILLIS);
                    assertThat(answer.status()).isEqualTo(503);
                    assertThat(answer.retryAfter()).isEqualTo("1");
                });
        await().atMost(RECOVERED_WITHIN)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> member.request().get("/api/me").then().statusCode(200));
        member.request()
                .body(Map.of("name", "Thawed Redis"))
                .patch("/api/me")
                .then()
                .statusCode(200);
    }

    /**
     * A refresh that PostgreSQL failed had spent its refresh token anyway: the client's retry, as the 503 asks, was
     * taken for a stolen token presented again, and the whole session was revoked - its access token with it.
     */
    @Test
    void aRefreshAnsweredWith503MayBeRetriedWithTheSameToken() throws Exception {
        Member member = api.signUp("Refreshed Through An Outage");
        member.request().get("/api/me").then().statusCode(200);

        try (Frozen postgres = Frozen.postgres(Frozen.sharedDataDirectory())) {
            client().config(PATIENT)
                    .body(Map.of("refreshToken", member.refreshToken()))
                    .post("/api/auth/refresh")
                    .then()
                    .statusCode(503);
        }

        await().atMost(RECOVERED_WITHIN)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> client().config(PATIENT)
                        .body(Map.of("refreshToken", member.refreshToken()))
                        .post("/api/auth/refresh")
                        .then()
                        .statusCode(200));
        member.request().get("/api/me").then().statusCode(200);
    }

    private static Response changeName(Member member) {
        return member.request().config(PATIENT).body(Map.of("name", "Frozen")).patch("/api/me");
    }

    private static Response logIn(Member member) {
        return client().config(PATIENT)
                .body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login");
    }

    private static Duration leftToRecover(long thawedAt) {
        return RECOVERED_WITHIN.minusNanos(System.nanoTime() - thawedAt);
    }

    private boolean aProjectionIsInError() {
        return processing.eventProcessors().values().stream().anyMatch(EventProcessor::isError);
    }

    private static List<Timed> sendAllAtOnce(List<Call> calls, Member caller) throws Exception {
        return atOnce(calls.stream()
                .<Callable<Timed>>map(call ->
                        () -> timed(call.toString(), () -> call.send(caller.accessToken(), PATIENT)))
                .toList());
    }

    /** Runs every request on a thread of its own and answers their timed answers in order. */
    private static List<Timed> atOnce(List<Callable<Timed>> requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<Timed>> pending = new ArrayList<>();
            for (Callable<Timed> request : requests) {
                pending.add(clients.submit(request));
            }
            List<Timed> answers = new ArrayList<>();
            for (Future<Timed> answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }

    private static Timed timed(String what, java.util.function.Supplier<Response> request) {
        long started = System.nanoTime();
        Response response = request.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Timed(what, response.statusCode(), millis, response.asString(), response.header("Retry-After"));
    }

    private record Timed(String what, int status, long millis, String body, String retryAfter) {
        @Override
        public String toString() {
            return what + " -> " + status + " after " + millis + " ms";
        }
    }
}
