package io.hindsight.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.Projections;
import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An embedded server whose process ended is started again by its node, on the same port: the node answered 503 for
 * good until somebody restarted it. One that cannot start again leaves the node not live (an orchestrator restarts
 * it) and comes back once it can. A frozen server is another matter (readiness, DependencyOutageIT).
 */
class EmbeddedServersRevivalIT {

    @TempDir
    static Path dataDirectory;

    private static StandaloneApp app;

    @BeforeAll
    static void startNode() {
        app = StandaloneApp.start(dataDirectory);
    }

    @AfterAll
    static void stopNode() {
        app.close();
    }

    @BeforeEach
    void talkToTheNode() {
        RestAssured.port = app.port();
        await().atMost(Duration.ofSeconds(60)).until(() -> liveness().statusCode() == 200);
        // a node just started on two busy cores took longer than 5 s over its first sign-up
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> new Api().signUp("Served") != null);
    }

    @AfterEach
    void resetPort() {
        RestAssured.reset();
    }

    @Test
    void aKilledRedisIsStartedAgainOnItsPortAndTokensWorkAgain() throws Exception {
        Member member = new Api().signUp("Revived Redis");
        ProcessHandle redis = pidIn("redis/redis.pid");

        redis.destroyForcibly();
        redis.onExit().get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> member.request().get("/api/me").statusCode() == 200);
        assertThat(pidIn("redis/redis.pid").pid()).isNotEqualTo(redis.pid());
        // the server takes requests a moment before its revival has recorded the new process (CI once read it there)
        await().atMost(Duration.ofSeconds(15)).until(() -> liveness().statusCode() == 200);
        new Api().logIn(member.email(), member.password());
    }

    @Test
    void aKilledPostgresIsStartedAgainWithEveryCommittedWriteAndProjectionsCatchUp() throws Exception {
        Member member = new Api().signUp("Revived Postgres");
        member.request()
                .body(Map.of("name", "Before the kill"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        ProcessHandle postmaster = pidIn("postgres/postmaster.pid");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);

        new ProcessBuilder("kill", "-9", Long.toString(postmaster.pid()))
                .start()
                .waitFor(10, TimeUnit.SECONDS);
        postmaster.onExit().get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> member.request()
                                .body(Map.of("name", "After the restart"))
                                .patch("/api/me")
                                .statusCode()
                        == 200);
        assertThat(pidIn("postgres/postmaster.pid").pid()).isNotEqualTo(postmaster.pid());
        // the server takes requests a moment before its revival has recorded the new process (CI once read it there)
        await().atMost(Duration.ofSeconds(15)).until(() -> liveness().statusCode() == 200);
        root.detachAppender(logged);
        // the revival is the node doing its job: zonky's failed stop of the dead server was an ERROR with its trace
        assertThat(List.copyOf(logged.list))
                .as("logged while PostgreSQL was started again")
                .noneSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.ERROR));
        Member admin = new Api().admin();
        List<String> names = admin.request()
                .get("/api/admin/users/" + member.accountId() + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("name");
        assertThat(names).contains("Before the kill", "After the restart");
        Projections.awaitAllCaughtUp(admin);
        assertThat(Projections.all(admin))
                .allSatisfy(projection -> assertThat(((Number) projection.get("deadLetters")).longValue())
                        .as("%s parked", projection.get("name"))
                        .isZero());
    }

    @Test
    void aServerThatCannotStartAgainLeavesTheNodeNotLiveUntilItCan() throws Exception {
        int port = app.bean(org.springframework.core.env.Environment.class)
                .getRequiredProperty("spring.data.redis.port", Integer.class);
        try (ServerSocket squatter = killedRedisPortTaken(port)) {
            // through several failed starts, not only the second before the first one
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> liveness().statusCode() == 503);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> liveness().statusCode() == 200);
        awaitServing();
    }

    /** Within seconds: Redis clients try to reconnect at least once a second (RedisReconnection). */
    private static void awaitServing() {
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> new Api().signUp("Served") != null);
    }

    /** Redis killed and its port taken before the node can start it there again; tried anew if the node was first. */
    private static ServerSocket killedRedisPortTaken(int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            ProcessHandle redis = pidIn("redis/redis.pid");
            redis.destroyForcibly();
            redis.onExit().get(30, TimeUnit.SECONDS);
            ServerSocket squatter = new ServerSocket();
            squatter.setReuseAddress(true);
            try {
                squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return squatter;
            } catch (BindException revivedFirst) {
                squatter.close();
                if (attempt == 3) {
                    throw revivedFirst;
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> liveness().statusCode() == 200);
            }
        }
    }

    private static ProcessHandle pidIn(String pidFile) throws IOException {
        long pid = Long.parseLong(
                Files.readAllLines(dataDirectory.resolve(pidFile)).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static HttpResponse<String> liveness() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + app.port() + "/actuator/health/liveness"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
