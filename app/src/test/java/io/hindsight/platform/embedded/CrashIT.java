package io.hindsight.platform.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HindsightProcess;
import io.hindsight.support.Projections;
import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a whole node - its JVM, its embedded PostgreSQL and Redis at the same instant - while clients
 * write: every write that was acknowledged is there after the restart, and every projection catches up with
 * nothing parked.
 */
class CrashIT {

    private static final int WRITERS = 6;
    private static final int ACKNOWLEDGED_BEFORE_THE_CRASH = 80;

    @TempDir
    Path dataDirectory;

    @AfterEach
    void resetPort() {
        RestAssured.reset();
    }

    @Test
    void killingTheWholeNodeUnderWriteLoadLosesNoAcknowledgedWriteAndEveryProjectionCatchesUp() throws Exception {
        Set<String> acknowledgedProducts = ConcurrentHashMap.newKeySet();
        Map<String, Set<String>> acknowledgedNames = new ConcurrentHashMap<>();
        List<Member> members = new ArrayList<>();

        Path output = HindsightProcess.outputBeside(dataDirectory);
        Process node =
                HindsightProcess.launchNode(output, dataDirectory, "hindsight.projections.token-claim-interval=PT1S");
        try {
            int port = HindsightProcess.awaitPort(output);
            String adminToken = HindsightProcess.adminToken(port);
            for (int i = 0; i < WRITERS / 2; i++) {
                members.add(signUp(port, "Crash Member " + i));
            }

            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int i = 0; i < WRITERS; i++) {
                Member member = members.get(i / 2);
                boolean productWriter = i % 2 == 0;
                writers.submit(() -> {
                    for (int n = 0; writing.get(); n++) {
                        try {
                            if (productWriter) {
                                Response created = as(port, adminToken)
                                        .body(Map.of("name", "Crash product " + UUID.randomUUID(), "price", 100))
                                        .post("/api/products");
                                if (created.statusCode() == 201) {
                                    acknowledgedProducts.add(created.path("productId"));
                                }
                            } else {
                                String name = "Crash name " + n;
                                if (as(port, member.accessToken())
                                                .body(Map.of("name", name))
                                                .patch("/api/me")
                                                .statusCode()
                                        == 200) {
                                    acknowledgedNames
                                            .computeIfAbsent(member.accountId(), id -> ConcurrentHashMap.newKeySet())
                                            .add(name);
                                }
                            }
                        } catch (RuntimeException nodeGone) {
                            return;
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> acknowledgedProducts.size()
                                    + acknowledgedNames.values().stream()
                                            .mapToInt(Set::size)
                                            .sum()
                            >= ACKNOWLEDGED_BEFORE_THE_CRASH);
            killEverything(node.toHandle());
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        try (StandaloneApp restarted = StandaloneApp.start(dataDirectory)) {
            RestAssured.port = restarted.port();
            for (String productId : acknowledgedProducts) {
                given().get("/api/products/" + productId).then().statusCode(200);
            }
            Member admin = new Api().admin();
            for (Member member : members) {
                List<String> history = admin.request()
                        .get("/api/admin/users/" + member.accountId() + "/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("name");
                assertThat(history).containsAll(acknowledgedNames.getOrDefault(member.accountId(), Set.of()));
            }

            Projections.awaitAllCaughtUp(admin);
            List<String> listed = admin.request()
                    .queryParam("limit", 1000)
                    .get("/api/products")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.productId");
            assertThat(listed).containsAll(acknowledgedProducts);
            assertThat(Projections.all(admin))
                    .allSatisfy(projection -> assertThat(((Number) projection.get("deadLetters")).longValue())
                            .as("%s parked", projection.get("name"))
                            .isZero());
            // projections commit without waiting for the flush: what the crash lost of their folds is folded again
            for (String projection : List.of("accounts", "shop-products", "audit-correlations")) {
                Projections.assertReplayIdentical(admin, projection);
            }
        }
    }

    /** The JVM, PostgreSQL with every backend, and Redis, all in one kill -9. */
    private void killEverything(ProcessHandle jvm) throws Exception {
        List<ProcessHandle> all = new ArrayList<>(List.of(jvm));
        ProcessHandle postgres = pidIn(dataDirectory.resolve("postgres/postmaster.pid"));
        all.add(postgres);
        all.addAll(postgres.descendants().toList());
        all.add(pidIn(dataDirectory.resolve("redis/redis.pid")));
        List<String> command = new ArrayList<>(List.of("kill", "-9"));
        all.forEach(p -> command.add(Long.toString(p.pid())));
        new ProcessBuilder(command).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle process : all) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private static ProcessHandle pidIn(Path pidFile) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static Member signUp(int port, String name) {
        String email = Api.uniqueEmail("crash");
        Response response = given().port(port)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "crash-password", "name", name))
                .post("/api/auth/signup");
        response.then().statusCode(201);
        return new Member(
                response.path("accountId"),
                email,
                "crash-password",
                response.path("accessToken"),
                response.path("refreshToken"));
    }

    private static RequestSpecification as(int port, String accessToken) {
        return given().port(port).contentType(ContentType.JSON).header("Authorization", "Bearer " + accessToken);
    }
}
