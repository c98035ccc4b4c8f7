package io.hindsight.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.support.HindsightProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node stopped with SIGTERM answers the requests it still takes and only then stops its embedded Redis.
 * embedded-redis stopped Redis from a JVM shutdown hook of its own, which runs alongside Spring's: Redis was gone
 * ~0.1-0.4 s after the signal while the node still served, and every request in between was a 503 (the token
 * revocation check failed closed).
 */
class EmbeddedServersShutdownIT {

    private static final int CLIENTS = 4;

    /**
     * How long the node goes on taking requests after SIGTERM (a node draining behind a load balancer): long
     * enough for a Redis stopped by a hook of its own to be gone meanwhile, as it was ~0.1-0.4 s after the signal.
     */
    private static final Duration SERVES_ON_AFTER_STOP = Duration.ofSeconds(1);

    @TempDir
    Path dataDirectory;

    @Test
    void sigtermAnswersEveryRequestItTakesAndStopsRedisAfterTheWebServer() throws Exception {
        Path output = HindsightProcess.outputBeside(dataDirectory);
        Process node = HindsightProcess.launch(
                output,
                List.of("-D" + HindsightProcess.SERVES_ON_AFTER_STOP_MILLIS + "=" + SERVES_ON_AFTER_STOP.toMillis()),
                HindsightProcess.nodeArguments(dataDirectory));
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        AtomicBoolean running = new AtomicBoolean(true);
        try {
            int port = HindsightProcess.awaitPort(output);
            ProcessHandle redis = pidIn(dataDirectory.resolve("redis/redis.pid"));
            assertThat(redis.parent().map(ProcessHandle::pid))
                    .as("Redis is the node's own child")
                    .contains(node.pid());
            String token = HindsightProcess.adminToken(port);

            Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            AtomicLong answered = new AtomicLong();
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> askUntilStopped(port, token, running, outcomes, answered));
            }
            AtomicLong redisGoneAt = new AtomicLong();
            clients.submit(() -> {
                while (running.get() && redis.isAlive()) {
                    pause(5);
                }
                redisGoneAt.compareAndSet(0, System.nanoTime());
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= 40);

            long signalledAt = System.nanoTime();
            node.destroy(); // SIGTERM
            assertThat(node.waitFor(60, TimeUnit.SECONDS))
                    .as("the node stops within a minute")
                    .isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> redisGoneAt.get() != 0);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            List<Outcome> afterSignal =
                    outcomes.stream().filter(o -> o.endedAt() >= signalledAt).toList();
            String timeline = timeline(afterSignal, signalledAt, redisGoneAt.get());
            assertThat(afterSignal.stream().filter(o -> o.status() != 0 && o.status() != 200))
                    .as("answers other than 200 after SIGTERM:%n%s", timeline)
                    .isEmpty();
            assertThat(afterSignal.stream()
                            .filter(o -> o.status() == 200
                                    && o.startedAt() - signalledAt > SERVES_ON_AFTER_STOP.toNanos() / 2))
                    .as("requests taken while the node still served after SIGTERM:%n%s", timeline)
                    .isNotEmpty();
            long refusedAt = afterSignal.stream()
                    .filter(Outcome::refused)
                    .mapToLong(Outcome::endedAt)
                    .min()
                    .orElseThrow(() -> new AssertionError("no connection was refused:\n" + timeline));
            long lastAnsweredAt = afterSignal.stream()
                    .filter(o -> o.status() != 0)
                    .mapToLong(Outcome::endedAt)
                    .max()
                    .orElse(signalledAt);
            assertThat(redisGoneAt.get())
                    .as("Redis stops after the web server stopped taking connections:%n%s", timeline)
                    .isGreaterThan(refusedAt)
                    .isGreaterThan(lastAnsweredAt);

            String redisLog = Files.readString(dataDirectory.resolve("redis/redis.log"));
            assertThat(redisLog)
                    .as("Redis was asked to stop (SIGTERM) and wrote its data out")
                    .contains("Received SIGTERM")
                    .contains("ready to exit");
        } finally {
            running.set(false);
            clients.shutdownNow();
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            StaleProcesses.stop(dataDirectory.resolve("postgres/postmaster.pid"), "postgres");
            StaleProcesses.stop(dataDirectory.resolve("redis/redis.pid"), "redis");
        }
    }

    /**
     * A node stopped while it starts stops its PostgreSQL and Redis too. Spring gives up closing a context whose start
     * is stuck, so the close that stops them never came, and both went on running after the JVM had ended.
     */
    @Test
    void sigtermWhileStartingStopsTheEmbeddedServers() throws Exception {
        Path output = HindsightProcess.outputBeside(dataDirectory);
        Process node = HindsightProcess.launch(
                output,
                List.of("-D" + HindsightProcess.HOLD_START + "=true"),
                HindsightProcess.nodeArguments(dataDirectory));
        try {
            HindsightProcess.awaitOutput(output, HindsightProcess.START_HELD);
            ProcessHandle postgres = pidIn(dataDirectory.resolve("postgres/postmaster.pid"));
            ProcessHandle redis = pidIn(dataDirectory.resolve("redis/redis.pid"));

            node.destroy(); // SIGTERM
            assertThat(node.waitFor(60, TimeUnit.SECONDS))
                    .as("the node stops within a minute")
                    .isTrue();
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(List.of(postgres.isAlive(), redis.isAlive()))
                            .as("PostgreSQL and Redis running after the node ended")
                            .containsOnly(false));
        } finally {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            StaleProcesses.stop(dataDirectory.resolve("postgres/postmaster.pid"), "postgres");
            StaleProcesses.stop(dataDirectory.resolve("redis/redis.pid"), "redis");
        }
    }

    /**
     * Redis runs in a session of its own, as PostgreSQL does (pg_ctl): a Ctrl-C at the terminal signals the whole
     * foreground process group, and Redis in the node's group was stopped at once, ahead of the node's shutdown.
     */
    @Test
    void redisIsOutsideTheNodesProcessGroup() throws Exception {
        Path self = Path.of("/proc/self/stat");
        Assumptions.assumeTrue(Files.exists(self), "/proc tells process groups");
        Path setsid = Path.of("/usr/bin/setsid");
        Assumptions.assumeTrue(
                Files.isExecutable(setsid) || Files.isExecutable(Path.of("/bin/setsid")), "setsid is installed");
        EmbeddedServers servers = EmbeddedServers.forDirectory(dataDirectory);
        try (AutoCloseable usage = servers.use()) {
            servers.redisPort();
            ProcessHandle redis = pidIn(dataDirectory.resolve("redis/redis.pid"));
            assertThat(redis.parent().map(ProcessHandle::pid))
                    .contains(ProcessHandle.current().pid());
            assertThat(processGroup(Path.of("/proc", Long.toString(redis.pid()), "stat")))
                    .isEqualTo(redis.pid())
                    .isNotEqualTo(processGroup(self));
        }
    }

    /** The fifth field of /proc/pid/stat, after the command in parentheses (which may hold spaces). */
    private static long processGroup(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]);
    }

    private record Outcome(long startedAt, long endedAt, int status, String failure) {

        boolean refused() {
            return failure != null && failure.startsWith(ConnectException.class.getName());
        }
    }

    private static void askUntilStopped(
            int port, String token, AtomicBoolean running, Queue<Outcome> outcomes, AtomicLong answered) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/me"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build();
        while (running.get()) {
            long startedAt = System.nanoTime();
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                outcomes.add(new Outcome(startedAt, System.nanoTime(), status, null));
                answered.incrementAndGet();
            } catch (IOException e) {
                outcomes.add(new Outcome(
                        startedAt, System.nanoTime(), 0, e.getClass().getName() + ": " + e.getMessage()));
                pause(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String timeline(List<Outcome> outcomes, long signalledAt, long redisGoneAt) {
        List<String> lines = new ArrayList<>();
        lines.add("  Redis gone at +%d ms".formatted(TimeUnit.NANOSECONDS.toMillis(redisGoneAt - signalledAt)));
        outcomes.stream()
                .filter(o -> o.status() != 200)
                .limit(40)
                .forEach(o -> lines.add("  +%d..+%d ms: %s"
                        .formatted(
                                TimeUnit.NANOSECONDS.toMillis(o.startedAt() - signalledAt),
                                TimeUnit.NANOSECONDS.toMillis(o.endedAt() - signalledAt),
                                o.status() != 0 ? Integer.toString(o.status()) : o.failure())));
        lines.add("  answered 200 after SIGTERM: %d"
                .formatted(outcomes.stream().filter(o -> o.status() == 200).count()));
        return String.join("\n", lines);
    }

    /** A watcher's poll interval and a refused client's back-off: the times are what is measured, not awaited. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProcessHandle pidIn(Path pidFile) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow();
    }
}
