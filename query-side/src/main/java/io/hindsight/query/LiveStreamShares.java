package io.hindsight.query;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

/**
 * How many live streams one caller may hold open on this node. A stream holds a connection, not a request thread, so
 * one account had opened 600 and could have gone on to the 8,192 connections Tomcat takes, keeping new clients out.
 * A stream whose client has gone keeps its share until a write to it fails, and the first write after the client left
 * still succeeds: at the heartbeat's pace that was 30-40 s in which a client that reconnects often (tabs reloaded, a
 * flaky network) was refused. So a caller who has no share left has each of their streams written to at once, and
 * again every {@link #BETWEEN_PROBES} for up to {@link #PROBE_WAIT}, and takes the share of any found gone.
 */
@Component
public class LiveStreamShares {

    /** Between writes to a caller's streams: the first to a gone client's brings back its reset, a later one fails. */
    private static final Duration BETWEEN_PROBES = Duration.ofMillis(25);
    /** How long a caller with no share left waits, at most, for a stream found gone to give its share back. */
    private static final Duration PROBE_WAIT = Duration.ofMillis(250);

    private final int perCaller;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Runnable>> probes = new ConcurrentHashMap<>();

    public LiveStreamShares(@Value("${hindsight.streams.per-account:16}") int perCaller) {
        if (perCaller < 1) {
            // below one every stream would be refused: a node that cannot stream is no setting but a mistake
            throw new InvalidConfigurationPropertyValueException(
                    "hindsight.streams.per-account", perCaller, "An account needs at least one live stream.");
        }
        this.perCaller = perCaller;
    }

    /**
     * Takes one of the caller's shares or refuses with 429 {@code RATE_LIMITED}, once their streams have been written
     * to and none was found gone.
     */
    public Share takeOrRefuse(String caller) {
        if (!take(caller)) {
            probeStreamsOf(caller);
            if (!take(caller)) {
                throw new BusinessException(
                        CommonError.RATE_LIMITED,
                        "You have %d live streams open on this node already; close one before opening another",
                        perCaller);
            }
        }
        return new Share(caller);
    }

    private boolean take(String caller) {
        AtomicBoolean taken = new AtomicBoolean();
        open.compute(caller, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perCaller) {
                return count;
            }
            taken.set(true);
            return now + 1;
        });
        return taken.get();
    }

    private void probeStreamsOf(String caller) {
        Set<Runnable> theirs = probes.get(caller);
        if (theirs == null || theirs.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + PROBE_WAIT.toNanos();
        do {
            theirs.forEach(Runnable::run);
            LockSupport.parkNanos(BETWEEN_PROBES.toNanos());
        } while (open.getOrDefault(caller, 0) >= perCaller && System.nanoTime() < deadline);
    }

    /** One share of a caller's streams. */
    public final class Share {

        private final String caller;
        private final AtomicBoolean given = new AtomicBoolean();
        private volatile Runnable probe;

        private Share(String caller) {
            this.caller = caller;
        }

        /**
         * {@code heartbeatNow} has the stream holding this share written to at once, when its caller has no share
         * left.
         */
        public void probedBy(Runnable heartbeatNow) {
            probe = heartbeatNow;
            probes.computeIfAbsent(caller, key -> ConcurrentHashMap.newKeySet()).add(heartbeatNow);
            if (given.get()) {
                forgetProbe();
            }
        }

        /** Gives the share back, once however often it is run, when the stream ends. */
        public void release() {
            if (given.compareAndSet(false, true)) {
                open.computeIfPresent(caller, (key, count) -> count > 1 ? count - 1 : null);
                forgetProbe();
            }
        }

        private void forgetProbe() {
            Runnable mine = probe;
            if (mine != null) {
                probes.computeIfPresent(caller, (key, theirs) -> {
                    theirs.remove(mine);
                    return theirs.isEmpty() ? null : theirs;
                });
            }
        }
    }
}
