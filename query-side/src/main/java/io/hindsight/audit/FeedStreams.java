package io.hindsight.audit;

import io.hindsight.audit.EventFeed.FeedItem;
import io.hindsight.audit.EventFeed.FeedPage;
import io.hindsight.query.QueryRole;
import io.hindsight.query.StreamAccess;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live tails of the event feed as server-sent events. Each stream keeps its own cursor and is fed from
 * the event store (shared by all nodes), so a client can reconnect to any node with Last-Event-ID and
 * continue exactly where it stopped.
 */
@QueryRole
@Component
public class FeedStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedStreams.class);
    private static final long POLL_MILLIS = 200;
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    private static final int MAX_SENDERS = 256;

    private final EventFeed feed;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-feed-streams");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Streams are written on threads of their own, one push per stream at a time: a client that stops reading blocks
     * its own push only. All written from the poller's one thread, one full socket had held back every other tail on the
     * node, keep-alives included, for as long as that client kept its connection.
     */
    private final ThreadPoolExecutor senders =
            new ThreadPoolExecutor(0, MAX_SENDERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread thread = new Thread(r, "event-feed-sender");
                thread.setDaemon(true);
                return thread;
            });

    private final long heartbeatMillis;

    private final StreamAccess access;

    public FeedStreams(
            EventFeed feed, StreamAccess access, @Value("${hindsight.streams.heartbeat:PT15S}") Duration heartbeat) {
        this.feed = feed;
        this.access = access;
        this.heartbeatMillis = heartbeat.toMillis();
        poller.scheduleWithFixedDelay(this::pushAll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Commits the response at once, so a client waiting for headers knows it is connected before any event comes. */
    public SseEmitter open(long after, Set<String> types) throws IOException {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Stream stream = new Stream(emitter, types, after, access.ofCurrentCaller());
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> streams.remove(stream));
        emitter.onError(e -> streams.remove(stream));
        emitter.send(SseEmitter.event().comment("connected"));
        streams.add(stream);
        return emitter;
    }

    /** Never throws: a scheduled task that throws is never run again, and every tail on the node would end silent. */
    private void pushAll() {
        try {
            for (Stream stream : streams) {
                if (stream.pushing.compareAndSet(false, true)) {
                    try {
                        senders.execute(() -> push(stream));
                    } catch (RejectedExecutionException busy) {
                        // every sender is held by a client that stopped reading: this one is pushed at a later tick
                        stream.pushing.set(false);
                    }
                }
            }
        } catch (Throwable e) {
            log.error("Event feed streams could not be pushed", e);
        }
    }

    private void push(Stream stream) {
        try {
            if (!stream.push()) {
                streams.remove(stream);
                stream.emitter.complete();
            }
        } catch (IOException | IllegalStateException gone) {
            streams.remove(stream);
            completeQuietly(stream, gone);
        } catch (Throwable e) {
            log.warn("Event feed stream failed", e);
            streams.remove(stream);
            completeQuietly(stream, e);
        } finally {
            stream.pushing.set(false);
        }
    }

    private static void completeQuietly(Stream stream, Throwable cause) {
        try {
            stream.emitter.completeWithError(cause);
        } catch (RuntimeException alreadyDone) {
            // the response has ended already
        }
    }

    /**
     * Ends every stream as the node starts to stop: a graceful shutdown waits for open requests, and an idle stream
     * had held it for its whole timeout. Clients reconnect elsewhere with {@code Last-Event-ID}.
     */
    @EventListener(ContextClosedEvent.class)
    public void endStreams() {
        streams.forEach(s -> s.emitter.complete());
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        senders.shutdownNow();
        endStreams();
    }

    private final class Stream {
        private final SseEmitter emitter;
        private final Set<String> types;
        private long cursor;
        private final BooleanSupplier allowed;
        private long lastSentAt = System.currentTimeMillis();
        private final AtomicBoolean pushing = new AtomicBoolean();

        Stream(SseEmitter emitter, Set<String> types, long cursor, BooleanSupplier allowed) {
            this.emitter = emitter;
            this.types = types;
            this.cursor = cursor;
            this.allowed = allowed;
        }

        /** Sends what is new, or a heartbeat when due; false when its caller may no longer have it. */
        boolean push() throws IOException {
            FeedPage page;
            do {
                page = feed.nextForTail(cursor, 500, types);
                if (!page.items().isEmpty() && !allowed.getAsBoolean()) {
                    return false;
                }
                for (FeedItem item : page.items()) {
                    emitter.send(SseEmitter.event()
                            .id(Long.toString(item.position()))
                            .data(item, MediaType.APPLICATION_JSON));
                    lastSentAt = System.currentTimeMillis();
                }
                boolean advanced = page.next() > cursor;
                cursor = Math.max(cursor, page.next());
                if (!advanced) {
                    break;
                }
            } while (page.items().size() == 500);
            if (System.currentTimeMillis() - lastSentAt > heartbeatMillis) {
                if (!allowed.getAsBoolean()) {
                    return false;
                }
                emitter.send(SseEmitter.event().comment("keep-alive"));
                lastSentAt = System.currentTimeMillis();
            }
            return true;
        }
    }
}
