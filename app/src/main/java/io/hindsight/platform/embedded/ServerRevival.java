package io.hindsight.platform.embedded;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one embedded server running: when its process ended (the kernel's OOM killer, a {@code kill} by hand) it is
 * started again on the same port, where the node's pools and clients reconnect on their own. A start that fails is
 * tried again after 1, 2, 4... seconds, at most a minute apart; meanwhile the server is not alive, and liveness says
 * so. Checked by one watching thread only.
 */
final class ServerRevival {

    private static final Logger log = LoggerFactory.getLogger(ServerRevival.class);

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    private final String name;
    private volatile EmbeddedServer server;
    private Duration pause = FIRST_PAUSE;
    private long nextAttempt = System.nanoTime();

    ServerRevival(String name, EmbeddedServer server) {
        this.name = name;
        this.server = server;
    }

    boolean alive() {
        return server.alive();
    }

    /** Starts the server again if its process ended and its next attempt is due. */
    void check() {
        if (server.alive()) {
            pause = FIRST_PAUSE;
            return;
        }
        long now = System.nanoTime();
        if (now - nextAttempt < 0) {
            return;
        }
        log.warn("Embedded {} is no longer running: starting it again", name);
        try {
            server = server.startedAgain();
            pause = FIRST_PAUSE;
            log.warn("Embedded {} started again", name);
        } catch (RuntimeException failed) {
            log.error("Embedded {} did not start again; next attempt in {}", name, pause, failed);
            nextAttempt = System.nanoTime() + pause.toNanos();
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
        }
    }

    void close() {
        server.close();
    }
}
