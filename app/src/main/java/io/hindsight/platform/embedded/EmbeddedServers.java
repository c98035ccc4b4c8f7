package io.hindsight.platform.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded servers of one data directory, shared by every application context in the JVM (tests
 * start many) and stopped when the last context using them closes - after that context's web server,
 * processors and pools, never by a JVM shutdown hook racing them (neither zonky's nor embedded-redis's is
 * used; Boot's shutdown handlers run after its contexts are closed). A JVM killed outright leaves them running;
 * the next start stops those orphans (see {@link StaleProcesses}) - but only once it holds the data
 * directory's lock, so that starting a second application on a directory in use fails instead of
 * stopping the servers of the one that is running. While in use, a server whose process ended is started again
 * ({@link ServerRevival}), checked every second.
 */
final class EmbeddedServers {

    private static final Map<Path, EmbeddedServers> RUNNING = new HashMap<>();

    private final Path dataDirectory;
    private final DataDirectoryLock lock;
    private volatile ServerRevival postgresRevival;
    private volatile ServerRevival redisRevival;
    private String postgresJdbcUrl;
    private int redisPort;
    private ScheduledExecutorService watch;
    private int users;

    private EmbeddedServers(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.lock = DataDirectoryLock.acquire(dataDirectory);
    }

    static synchronized EmbeddedServers forDirectory(Path dataDirectory) {
        return RUNNING.computeIfAbsent(dataDirectory.toAbsolutePath().normalize(), EmbeddedServers::new);
    }

    synchronized String postgresJdbcUrl() {
        if (postgresRevival == null) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"));
            postgresJdbcUrl = postgres.jdbcUrl();
            postgresRevival = new ServerRevival("PostgreSQL", postgres);
            watchStarted();
        }
        return postgresJdbcUrl;
    }

    synchronized int redisPort() {
        if (redisRevival == null) {
            EmbeddedRedisServer redis = EmbeddedRedisServer.start(dataDirectory.resolve("redis"));
            redisPort = redis.port();
            redisRevival = new ServerRevival("Redis", redis);
            watchStarted();
        }
        return redisPort;
    }

    private void watchStarted() {
        if (watch == null) {
            watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "embedded-servers-watch");
                thread.setDaemon(true);
                return thread;
            });
            watch.scheduleWithFixedDelay(this::reviveWhatEnded, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Without this object's lock, which {@link #release()} holds while it waits for a start in progress. */
    private void reviveWhatEnded() {
        ServerRevival postgres = postgresRevival;
        ServerRevival redis = redisRevival;
        if (postgres != null) {
            postgres.check();
        }
        if (redis != null) {
            redis.check();
        }
    }

    /** The servers of the directory, if this JVM started them. */
    static synchronized Optional<EmbeddedServers> running(Path dataDirectory) {
        return Optional.ofNullable(RUNNING.get(dataDirectory.toAbsolutePath().normalize()));
    }

    /** Each server started here ("postgres", "redis") and whether its process is running. */
    Map<String, Boolean> alive() {
        ServerRevival postgres = postgresRevival;
        ServerRevival redis = redisRevival;
        Map<String, Boolean> alive = new LinkedHashMap<>();
        if (postgres != null) {
            alive.put("postgres", postgres.alive());
        }
        if (redis != null) {
            alive.put("redis", redis.alive());
        }
        return alive;
    }

    /** Waits for a start in progress to end, so that what it started is stopped too. */
    private void stopWatching() {
        if (watch == null) {
            return;
        }
        watch.shutdown();
        try {
            watch.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watch = null;
    }

    /** A use of the servers; closing it ends that use, once however often it is closed. */
    synchronized AutoCloseable use() {
        users++;
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                release();
            }
        };
    }

    private void release() {
        synchronized (EmbeddedServers.class) {
            synchronized (this) {
                if (--users > 0) {
                    return;
                }
                stopWatching();
                if (redisRevival != null) {
                    redisRevival.close();
                    redisRevival = null;
                }
                if (postgresRevival != null) {
                    postgresRevival.close();
                    postgresRevival = null;
                }
                lock.release();
                RUNNING.remove(dataDirectory.toAbsolutePath().normalize());
            }
        }
    }
}
