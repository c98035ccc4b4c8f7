package io.hindsight.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL from zonky's binaries, its data kept in a persistent directory, durable (fsync and
 * synchronous commit on) and listening on a free loopback port and on a Unix-domain socket in its data directory.
 * The node connects through the socket when it can: each round trip then costs both processes less CPU than
 * loopback TCP (docs/benchmarks.md, "A Unix-domain socket to the embedded PostgreSQL").
 */
final class EmbeddedPostgresServer implements EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final Duration BACKENDS_EXIT_WAIT = Duration.ofSeconds(10);

    /** {@code sun_path} holds 108 bytes with its terminating zero. */
    private static final int SOCKET_PATH_LIMIT = 107;

    private static final String SOCKET_FILE_PREFIX = ".s.PGSQL.";

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private final ProcessHandle postmaster;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres, ProcessHandle postmaster) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /** On {@code port}, or on a free one when it is 0. */
    private static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            StaleProcesses.stop(dataDirectory.resolve("postmaster.pid"), "postgres");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    // its own directory, not the shared /tmp where another local user could take the name first
                    .setServerConfig("unix_socket_directories", socketDirectory(dataDirectory))
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    // a backend whose client gave up (a request that timed out) ends its statement and
                    // releases its locks instead of running on; a transaction left idle ends after a minute
                    .setServerConfig("client_connection_check_interval", "1000")
                    .setServerConfig("idle_in_transaction_session_timeout", "60000")
                    .start();
            log.info(
                    "Embedded PostgreSQL listening on 127.0.0.1:{}{} with data in {}",
                    postgres.getPort(),
                    socketOf(dataDirectory, postgres.getPort())
                            .map(socket -> " and " + socket)
                            .orElse(""),
                    dataDirectory);
            return new EmbeddedPostgresServer(dataDirectory, postgres, postmasterOf(dataDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * Read once, while the server is known to run: a pid file read on every check could be caught half-written and
     * take a running server for a dead one.
     */
    private static ProcessHandle postmasterOf(Path dataDirectory) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .get(0)
                .trim());
        return ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("PostgreSQL ended at start-up (pid " + pid + ")"));
    }

    /** Through the Unix-domain socket when this JVM can open one, otherwise over loopback TCP. */
    String jdbcUrl() {
        return socketOf(dataDirectory, postgres.getPort())
                .filter(socket -> AFUNIXSocket.isSupported())
                .map(socket -> "jdbc:postgresql://localhost/postgres?socketFactory="
                        + AFUNIXSocketFactory.FactoryArg.class.getName() + "&socketFactoryArg="
                        + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8))
                .orElse("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
    }

    /**
     * The data directory, quoted (it is a list setting), when a socket in it fits {@code sun_path} whatever the
     * port; otherwise none (an empty setting), and the node connects over TCP.
     */
    private static String socketDirectory(Path dataDirectory) {
        return socketOf(dataDirectory, 0)
                .map(socket -> '"' + socket.getParent().toString() + '"')
                .orElse("");
    }

    private static Optional<Path> socketOf(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath();
        String longest = directory.resolve(SOCKET_FILE_PREFIX + "65535").toString();
        return longest.getBytes(StandardCharsets.UTF_8).length <= SOCKET_PATH_LIMIT && !longest.contains("\"")
                ? Optional.of(directory.resolve(SOCKET_FILE_PREFIX + port))
                : Optional.empty();
    }

    @Override
    public boolean alive() {
        return postmaster.isAlive();
    }

    /**
     * PostgreSQL on the same port, recovering from its write-ahead log: every committed transaction is there. The
     * dead server's backends end once they notice their postmaster gone; the new one cannot start while they still
     * hold its shared memory.
     */
    @Override
    public EmbeddedServer startedAgain() {
        log.warn("Releasing the ended PostgreSQL (pid {}) to start it again", postmaster.pid());
        EndedPostmasterStop.releasing(this::close);
        awaitBackendsEnded();
        return start(dataDirectory, postgres.getPort());
    }

    private void awaitBackendsEnded() {
        List<ProcessHandle> backends = ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .command()
                        .map(command -> command.endsWith("postgres"))
                        .orElse(false))
                .filter(process -> StaleProcesses.serves(process, dataDirectory))
                .toList();
        try {
            CompletableFuture.allOf(backends.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(BACKENDS_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            backends.forEach(ProcessHandle::destroyForcibly);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
