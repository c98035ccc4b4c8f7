package io.hindsight.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One data directory, two processes: a second start is refused while the first runs and leaves its servers
 * alone; once the first is killed outright, the next start stops its orphaned servers and takes over.
 */
class DataDirectoryIT {

    @TempDir
    Path dataDirectory;

    @Test
    void aSecondStartIsRefusedWhileTheFirstRunsAndTakesOverOnceTheFirstIsKilled() throws Exception {
        Path output = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".out");
        Process first = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedServersProcess.class.getName(),
                        dataDirectory.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(120))
                    .until(() ->
                            Files.exists(output) && Files.readString(output).contains(EmbeddedServersProcess.READY));
            ProcessHandle firstPostgres = pidIn(dataDirectory.resolve("postgres/postmaster.pid"));
            ProcessHandle firstRedis = pidIn(dataDirectory.resolve("redis/redis.pid"));

            assertThatThrownBy(() -> EmbeddedServers.forDirectory(dataDirectory).postgresJdbcUrl())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running Hindsight");
            assertThat(firstPostgres.isAlive()).isTrue();
            assertThat(firstRedis.isAlive()).isTrue();

            // a copy of the directory taken while it runs holds the same pid files, and a free lock
            Path copy = Files.createTempDirectory("hindsight-copy");
            for (String pidFile : List.of("postgres/postmaster.pid", "redis/redis.pid")) {
                Files.createDirectories(copy.resolve(pidFile).getParent());
                Files.copy(dataDirectory.resolve(pidFile), copy.resolve(pidFile));
            }
            StaleProcesses.stop(copy.resolve("postgres/postmaster.pid"), "postgres");
            StaleProcesses.stop(copy.resolve("redis/redis.pid"), "redis");
            assertThat(firstPostgres.isAlive())
                    .as("the servers of the running node")
                    .isTrue();
            assertThat(firstRedis.isAlive()).isTrue();

            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(firstPostgres.isAlive()).as("orphaned by kill -9").isTrue();

            EmbeddedServers servers = EmbeddedServers.forDirectory(dataDirectory);
            String jdbcUrl = servers.postgresJdbcUrl();
            servers.redisPort();
            try (AutoCloseable usage = servers.use();
                    Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                assertThat(connection.isValid(5)).isTrue();
                assertThat(firstPostgres.isAlive()).isFalse();
                assertThat(firstRedis.isAlive()).isFalse();
            }
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            StaleProcesses.stop(dataDirectory.resolve("postgres/postmaster.pid"), "postgres");
            StaleProcesses.stop(dataDirectory.resolve("redis/redis.pid"), "redis");
        }
    }

    private static ProcessHandle pidIn(Path pidFile) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow();
    }
}
