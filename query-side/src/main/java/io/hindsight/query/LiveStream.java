package io.hindsight.query;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.springframework.http.HttpMethod;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One open server-sent event stream, pushed by {@link LiveStreamSenders}: what it sends is up to the subclass, the
 * heartbeat, the caller's access and the one-push-at-a-time rule are kept here.
 */
public abstract class LiveStream {

    private final SseEmitter emitter;
    private final BooleanSupplier allowed;
    private volatile long lastSentAt = System.currentTimeMillis();
    final AtomicBoolean pushing = new AtomicBoolean();
    volatile boolean ended;
    /** A heartbeat is wanted at the next push, whenever the last write was. */
    volatile boolean heartbeatWanted;

    protected LiveStream(SseEmitter emitter, BooleanSupplier allowed) {
        this.emitter = emitter;
        this.allowed = allowed;
    }

    /** Sends what is new for the client; false when its caller may no longer have the stream. */
    protected abstract boolean sendNew() throws IOException;

    /** Whether something came for the client that the push now ending may not have sent. */
    protected boolean hasWaiting() {
        return false;
    }

    /** Asked before anything is delivered: the stream ends when its caller has logged out, lost a role or expired. */
    protected final boolean stillAllowed() {
        return allowed.getAsBoolean();
    }

    protected final void send(SseEventBuilder event) throws IOException {
        emitter.send(event);
        lastSentAt = System.currentTimeMillis();
    }

    /**
     * For a HEAD to a stream, its status and headers and no stream; empty for a GET. Asked by whatever opens a stream
     * before it takes one of the caller's shares ({@link LiveStreamShares}), after the endpoint's checks (role,
     * ownership, parameters) have run as for its GET. Tomcat writes no body to a HEAD, so the heartbeat never found its
     * client gone, and each HEAD held a share for the stream's half hour: fifteen HEADs, and the account's every stream
     * was 429 for that long.
     */
    public static Optional<SseEmitter> headersOnlyForHead() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)
                || !HttpMethod.HEAD.matches(request.getRequest().getMethod())) {
            return Optional.empty();
        }
        SseEmitter emitter = new SseEmitter();
        emitter.complete();
        return Optional.of(emitter);
    }

    public final SseEmitter emitter() {
        return emitter;
    }

    final boolean heartbeatDue(long heartbeatMillis) {
        return System.currentTimeMillis() - lastSentAt > heartbeatMillis;
    }

    final boolean push(long heartbeatMillis) throws IOException {
        if (!sendNew()) {
            return false;
        }
        if (heartbeatWanted || heartbeatDue(heartbeatMillis)) {
            heartbeatWanted = false;
            if (!stillAllowed()) {
                return false;
            }
            send(SseEmitter.event().comment("keep-alive"));
        }
        return true;
    }
}
