package io.hindsight.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded servers of one data directory, shared by every application context in the JVM (tests
 * start many) and stopped when the last context using them closes - after that context's web server,
 * processors and pools, never by a JVM shutdown hook racing them (neither zonky's nor embedded-redis's is
 * used). A JVM killed outright leaves them running;
 * the next start stops those orphans (see {@link StaleProcesses}) - but only once it holds the data
 * directory's lock, so that starting a second application on a directory in use fails instead of
 * stopping the servers of the one that is running.
 */
final class EmbeddedServers {

    private static final Map<Path, EmbeddedServers> RUNNING = new HashMap<>();

    private final Path dataDirectory;
    private final DataDirectoryLock lock;
    private EmbeddedPostgresServer postgres;
    private EmbeddedRedisServer redis;
    private int users;

    private EmbeddedServers(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.lock = DataDirectoryLock.acquire(dataDirectory);
    }

    static synchronized EmbeddedServers forDirectory(Path dataDirectory) {
        return RUNNING.computeIfAbsent(dataDirectory.toAbsolutePath().normalize(), EmbeddedServers::new);
    }

    synchronized String postgresJdbcUrl() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"));
        }
        return postgres.jdbcUrl();
    }

    synchronized int redisPort() {
        if (redis == null) {
            redis = EmbeddedRedisServer.start(dataDirectory.resolve("redis"));
        }
        return redis.port();
    }

    /** The servers of the directory, if this JVM started them. */
    static synchronized Optional<EmbeddedServers> running(Path dataDirectory) {
        return Optional.ofNullable(RUNNING.get(dataDirectory.toAbsolutePath().normalize()));
    }

    /** Each server started here ("postgres", "redis") and whether its process is still alive. */
    synchronized Map<String, Boolean> alive() {
        Map<String, Boolean> alive = new LinkedHashMap<>();
        if (postgres != null) {
            alive.put("postgres", processAlive(dataDirectory.resolve("postgres/postmaster.pid")));
        }
        if (redis != null) {
            alive.put("redis", redis.alive());
        }
        return alive;
    }

    private static boolean processAlive(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    synchronized AutoCloseable use() {
        users++;
        return this::release;
    }

    private void release() {
        synchronized (EmbeddedServers.class) {
            synchronized (this) {
                if (--users > 0) {
                    return;
                }
                if (redis != null) {
                    redis.close();
                    redis = null;
                }
                if (postgres != null) {
                    postgres.close();
                    postgres = null;
                }
                lock.release();
                RUNNING.remove(dataDirectory.toAbsolutePath().normalize());
            }
        }
    }
}
