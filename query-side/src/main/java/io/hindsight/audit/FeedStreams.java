package io.hindsight.audit;

import io.hindsight.audit.EventFeed.FeedItem;
import io.hindsight.audit.EventFeed.FeedPage;
import io.hindsight.query.LiveStream;
import io.hindsight.query.LiveStreamSenders;
import io.hindsight.query.LiveStreamShares;
import io.hindsight.query.QueryRole;
import io.hindsight.query.StreamAccess;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final EventFeed feed;
    private final Set<Tail> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-feed-streams");
        thread.setDaemon(true);
        return thread;
    });
    private final LiveStreamSenders<Tail> senders;
    private final StreamAccess access;
    private final LiveStreamShares shares;

    public FeedStreams(
            EventFeed feed,
            StreamAccess access,
            LiveStreamShares shares,
            @Value("${hindsight.streams.heartbeat:PT15S}") Duration heartbeat) {
        this.feed = feed;
        this.access = access;
        this.shares = shares;
        this.senders = new LiveStreamSenders<>("event-feed-sender", heartbeat, streams::remove);
        poller.scheduleWithFixedDelay(this::pushAll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Commits the response at once, so a client waiting for headers knows it is connected before any event comes. */
    public SseEmitter open(long after, Set<String> types) throws IOException {
        Optional<SseEmitter> head = LiveStream.headersOnlyForHead();
        if (head.isPresent()) {
            return head.get();
        }
        LiveStreamShares.Share share = shares.takeOrRefuse(access.currentCaller());
        try {
            SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
            Tail tail = new Tail(emitter, types, after, access.ofCurrentCaller());
            Runnable ended = () -> {
                streams.remove(tail);
                share.release();
            };
            emitter.onCompletion(ended);
            emitter.onTimeout(ended);
            emitter.onError(e -> ended.run());
            emitter.send(SseEmitter.event().comment("connected"));
            streams.add(tail);
            share.probedBy(() -> senders.heartbeatNow(tail));
            return emitter;
        } catch (IOException | RuntimeException failed) {
            share.release();
            throw failed;
        }
    }

    /** Never throws: a scheduled task that throws is never run again, and every tail on the node would end silent. */
    private void pushAll() {
        try {
            streams.forEach(senders::offer);
        } catch (Throwable e) {
            if (poller.isShutdown()) {
                log.debug("Event feed streams stopped as the node stops: {}", e.toString());
            } else {
                log.error("Event feed streams could not be pushed", e);
            }
        }
    }

    /**
     * Ends every stream as the node starts to stop: a graceful shutdown waits for open requests, and an idle stream
     * had held it for its whole timeout. Clients reconnect elsewhere with {@code Last-Event-ID}.
     */
    @EventListener(ContextClosedEvent.class)
    public void endStreams() {
        senders.endAll(Set.copyOf(streams));
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        endStreams();
        senders.shutdown();
    }

    private final class Tail extends LiveStream {
        private final Set<String> types;
        private long cursor;

        Tail(SseEmitter emitter, Set<String> types, long cursor, BooleanSupplier allowed) {
            super(emitter, allowed);
            this.types = types;
            this.cursor = cursor;
        }

        @Override
        protected boolean sendNew() throws IOException {
            FeedPage page;
            do {
                page = feed.nextForTail(cursor, 500, types);
                if (!page.items().isEmpty() && !stillAllowed()) {
                    return false;
                }
                for (FeedItem item : page.items()) {
                    send(SseEmitter.event().id(Long.toString(item.position())).data(item, MediaType.APPLICATION_JSON));
                }
                boolean advanced = page.next() > cursor;
                cursor = Math.max(cursor, page.next());
                if (!advanced) {
                    break;
                }
            } while (page.items().size() == 500);
            return true;
        }
    }
}
