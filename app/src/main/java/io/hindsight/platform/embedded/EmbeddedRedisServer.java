package io.hindsight.platform.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server on a free loopback port, persisting to an append-only file in its directory. The binary
 * comes from embedded-redis, but the process is this node's own: the library's {@code RedisServer} stops Redis
 * from a JVM shutdown hook of its own, which runs alongside Spring's and took Redis away while the node was still
 * answering requests. This one is stopped only by {@link #close()}, in the node's ordered shutdown.
 */
final class EmbeddedRedisServer implements EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final Process process;
    private final int port;

    private EmbeddedRedisServer(Path dataDirectory, Process process, int port) {
        this.dataDirectory = dataDirectory;
        this.process = process;
        this.port = port;
    }

    static EmbeddedRedisServer start(Path dataDirectory) {
        try {
            return start(dataDirectory, freeLoopbackPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port for the embedded Redis", e);
        }
    }

    private static EmbeddedRedisServer start(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath();
        Path pidFile = directory.resolve("redis.pid");
        Path logFile = directory.resolve("redis.log");
        Process process = null;
        try {
            Files.createDirectories(directory);
            StaleProcesses.stop(pidFile, "redis");
            List<String> command = new ArrayList<>(inSessionOfItsOwn());
            command.add(ExecutableProvider.newJarResourceProvider().get().getAbsolutePath());
            command.addAll(List.of(
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--protected-mode",
                    "yes",
                    "--daemonize",
                    "no",
                    "--dir",
                    directory.toString(),
                    "--pidfile",
                    pidFile.toString(),
                    "--appendonly",
                    "yes",
                    "--appendfsync",
                    "everysec",
                    "--save",
                    "60",
                    "1",
                    "--loglevel",
                    "warning"));
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            awaitReady(process, port, logFile);
            log.info("Embedded Redis listening on 127.0.0.1:{} with data in {}", port, dataDirectory);
            return new EmbeddedRedisServer(dataDirectory, process, port);
        } catch (IOException e) {
            stop(process);
            throw new UncheckedIOException("Cannot start the embedded Redis in " + dataDirectory, e);
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    int port() {
        return port;
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    /** Redis on the same port, loading what its append-only file kept (up to the last second's writes). */
    @Override
    public EmbeddedServer startedAgain() {
        return start(dataDirectory, port);
    }

    /** Stops Redis with SIGTERM, upon which it writes its data out and ends; forcibly if that takes a minute. */
    @Override
    public void close() {
        if (stop(process)) {
            log.info("Embedded Redis on 127.0.0.1:{} stopped", port);
        } else {
            log.warn("Embedded Redis (pid {}) did not stop within {}: killed", process.pid(), SHUTDOWN_WAIT);
        }
    }

    private static boolean stop(Process process) {
        if (process == null) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }

    /**
     * {@code setsid}, where the system has it: Redis then runs in a session of its own, as PostgreSQL does (pg_ctl
     * detaches it), so a Ctrl-C at the terminal - a SIGINT to the whole foreground process group - reaches the node
     * only, which stops Redis after its requests. Spawned by the JVM, Redis is not a process group leader, so
     * setsid gives it a new session and execs it in place: it stays this JVM's child, with the pid the pid file
     * names.
     */
    private static List<String> inSessionOfItsOwn() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return List.of();
        }
        return Stream.of("/usr/bin/setsid", "/bin/setsid")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .map(setsid -> List.of(setsid.toString()))
                .orElse(List.of());
    }

    /** Until Redis answers PING (not while it loads its append-only file); fails when it ended or took a minute. */
    private static void awaitReady(Process process, int port, Path logFile) throws IOException {
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(
                        "Redis ended at start-up (exit code %d): %s".formatted(process.exitValue(), tail(logFile)));
            }
            if (answersPing(port)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for Redis to start", e);
            }
        }
        throw new IOException("Redis did not answer within %s: %s".formatted(STARTUP_WAIT, tail(logFile)));
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException unreadable) {
            return "(no output in " + logFile + ")";
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
