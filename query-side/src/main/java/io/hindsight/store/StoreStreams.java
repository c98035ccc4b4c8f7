package io.hindsight.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.audit.FeedHorizon;
import io.hindsight.projection.EventStoreReader;
import io.hindsight.query.LiveStream;
import io.hindsight.query.LiveStreamSenders;
import io.hindsight.query.LiveStreamShares;
import io.hindsight.query.QueryRole;
import io.hindsight.query.StreamAccess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams - a store's placed orders, a user's notifications - as server-sent events, on whichever node
 * the client is connected to. Like the event feed's tail, each node polls the shared event store up to the
 * {@link FeedHorizon} (every position up to it is committed or never will be) and turns the new events into
 * messages with {@link StoreMessages}; the id of each message is its event's position. A client that reconnects
 * with {@code Last-Event-ID} gets what it missed from the durable {@link StoreMessageLog} - up to where that log is
 * complete, and the rest (a few events the projection has not written yet) from the event store, with the same
 * function - so nothing is lost or sent twice, and a stream never waits for the projection. The poller hands each
 * stream its messages; {@link LiveStreamSenders} writes them, so a client that stops reading holds back no other.
 */
@QueryRole
@Component
public class StoreStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StoreStreams.class);
    private static final long POLL_MILLIS = 200;
    private static final long RECONNECT_MILLIS = 3_000;
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    private static final int PAGE = 500;
    /** Messages a stream may fall behind by, beyond those it reconnected for, before it is ended to resume later. */
    private static final int MAX_WAITING = 10_000;

    private static final List<String> SOURCE_CLASSES =
            StoreMessages.SOURCES.stream().map(Class::getName).toList();

    private final EventStoreReader events;
    private final FeedHorizon horizon;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "store-streams");
        thread.setDaemon(true);
        return thread;
    });

    private final LiveStreamSenders<Stream> senders;

    /** Every message up to here was handed to the streams open then. */
    private long delivered = -1;

    private final StreamAccess access;
    private final LiveStreamShares shares;

    public StoreStreams(
            EventStoreReader events,
            FeedHorizon horizon,
            JdbcClient jdbc,
            ObjectMapper json,
            StreamAccess access,
            LiveStreamShares shares,
            @Value("${hindsight.streams.heartbeat:PT15S}") Duration heartbeat) {
        this.senders = new LiveStreamSenders<>("store-stream-sender", heartbeat, this::remove);
        this.access = access;
        this.shares = shares;
        this.events = events;
        this.horizon = horizon;
        this.jdbc = jdbc;
        this.json = json;
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the stream {@code key} after the message {@code after}; when null, from now on. Messages the client
     * missed are sent first.
     */
    public SseEmitter open(String key, Long after) throws IOException {
        Optional<SseEmitter> head = LiveStream.headersOnlyForHead();
        if (head.isPresent()) {
            return head.get();
        }
        LiveStreamShares.Share share = shares.takeOrRefuse(access.currentCaller());
        try {
            SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
            BooleanSupplier allowed = access.ofCurrentCaller();
            // Commits the response at once, so the client knows it is connected before any message comes.
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(RECONNECT_MILLIS));
            Stream stream;
            long read;
            synchronized (this) {
                startIfIdle();
                read = delivered;
                stream = new Stream(key, emitter, after == null ? read : after, allowed);
            }
            Runnable ended = () -> {
                remove(stream);
                share.release();
            };
            emitter.onCompletion(ended);
            emitter.onTimeout(ended);
            emitter.onError(e -> ended.run());
            // at most what a stream may fall behind by, plus one to tell whether more were missed; read outside the
            // lock: a client resuming from long ago had the log and the event store scanned while every other stream
            // on the node waited for it
            List<StoreMessage> missed = new ArrayList<>();
            if (stream.queuedUpTo < read) {
                missed.addAll(missed(key, stream.queuedUpTo, read, MAX_WAITING + 1));
            }
            synchronized (this) {
                if (missed.size() <= MAX_WAITING && Math.max(stream.queuedUpTo, read) < delivered) {
                    // what the polls handed out meanwhile: their few messages, read under the lock so none is lost
                    missed.addAll(
                            missed(key, Math.max(stream.queuedUpTo, read), delivered, MAX_WAITING + 1 - missed.size()));
                }
                if (missed.size() > MAX_WAITING) {
                    stream.sendThenEnd(missed.subList(0, MAX_WAITING));
                } else {
                    stream.mayFallBehind += missed.size();
                    missed.forEach(stream::enqueue);
                }
                streams.compute(key, (k, keyed) -> {
                    Set<Stream> held = keyed == null ? ConcurrentHashMap.newKeySet() : keyed;
                    held.add(stream);
                    return held;
                });
            }
            share.probedBy(() -> senders.heartbeatNow(stream));
            senders.offer(stream);
            return emitter;
        } catch (IOException | RuntimeException failed) {
            share.release();
            throw failed;
        }
    }

    /**
     * The stream's first {@code max} messages after {@code after} up to {@code upTo}: from the log up to the first
     * event it has no message of yet, the rest from the event store.
     */
    List<StoreMessage> missed(String key, long after, long upTo, int max) {
        long fromLog = firstUnlogged(after, upTo).map(position -> position - 1).orElse(upTo);
        List<StoreMessage> missed = new ArrayList<>(jdbc.sql("""
                        SELECT position, type, at, data::text AS data FROM store_message
                        WHERE stream = :stream AND position > :after AND position <= :upTo ORDER BY position
                        LIMIT :max""")
                .param("stream", key)
                .param("after", after)
                .param("upTo", fromLog)
                .param("max", max)
                .query((rs, n) -> new StoreMessage(
                        key,
                        rs.getLong("position"),
                        rs.getString("type"),
                        rs.getTimestamp("at").toInstant(),
                        read(rs.getString("data"))))
                .list());
        if (fromLog < upTo && missed.size() < max) {
            forEachMessage(Math.max(after, fromLog), upTo, message -> {
                if (message.stream().equals(key) && missed.size() < max) {
                    missed.add(message);
                }
            });
        }
        return missed;
    }

    /** The first event after {@code after} that makes messages the log does not hold yet. */
    private Optional<Long> firstUnlogged(long after, long upTo) {
        return jdbc.sql("""
                        SELECT min(e.global_index) FROM domain_event_entry e
                        WHERE e.global_index > :after AND e.global_index <= :upTo AND e.payload_type IN (:types)
                          AND NOT EXISTS (SELECT 1 FROM store_message m WHERE m.position = e.global_index)""")
                .param("after", after)
                .param("upTo", upTo)
                .param("types", SOURCE_CLASSES)
                .query(Long.class)
                .optional();
    }

    private void poll() {
        try {
            // probed before the lock: a probe waits up to two seconds for a transaction older than it, and every stream
            // opening on the node waited with it
            long safe = horizon.current();
            synchronized (this) {
                startIfIdle();
                if (safe > delivered) {
                    forEachMessage(delivered, safe, message -> {
                        for (Stream stream : streams.getOrDefault(message.stream(), Set.of())) {
                            stream.enqueue(message);
                        }
                    });
                    delivered = safe;
                }
                streams.values().forEach(keyed -> keyed.forEach(senders::offerWhenDue));
            }
        } catch (Throwable e) {
            // never thrown on: a scheduled task that throws is never run again, and every stream would end silent
            if (poller.isShutdown()) {
                log.debug("Store streams stopped polling as the node stops: {}", e.toString());
            } else {
                log.error("Store streams could not poll", e);
            }
        }
    }

    private void startIfIdle() {
        if (delivered < 0) {
            delivered = horizon.current();
        }
    }

    private void forEachMessage(long after, long upTo, java.util.function.Consumer<StoreMessage> action) {
        long cursor = after;
        while (cursor < upTo) {
            List<TrackedEventMessage<?>> page = events.readOfTypes(cursor, upTo, PAGE, SOURCE_CLASSES);
            for (TrackedEventMessage<?> event : page) {
                long position = EventStoreReader.positionOf(event);
                StoreMessages.of(event.getPayload(), position, event.getTimestamp())
                        .forEach(action);
                cursor = position;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
    }

    private void remove(Stream stream) {
        // the key goes with its last stream: kept empty, every account that ever listened stayed in the map (and in
        // each poll's walk over it) until the node stopped
        streams.computeIfPresent(stream.key, (key, keyed) -> {
            keyed.remove(stream);
            return keyed.isEmpty() ? null : keyed;
        });
    }

    /** The streams (a store's, an account's notifications) that have a listener on this node now. */
    Set<String> listenedTo() {
        return Set.copyOf(streams.keySet());
    }

    private Map<String, Object> read(String data) {
        try {
            return json.readValue(data, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A logged message is not readable", e);
        }
    }

    /** Ends every stream as the node starts to stop, like the event feed's ({@code FeedStreams#endStreams}). */
    @EventListener(ContextClosedEvent.class)
    public void endStreams() {
        List<Stream> open = new ArrayList<>();
        streams.values().forEach(open::addAll);
        senders.endAll(open);
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        endStreams();
        senders.shutdown();
    }

    private final class Stream extends LiveStream {
        private final String key;
        private final ConcurrentLinkedQueue<StoreMessage> outbox = new ConcurrentLinkedQueue<>();
        private final AtomicInteger waiting = new AtomicInteger();
        /** The last message handed to this stream; only the poller's lock holder hands messages. */
        private long queuedUpTo;

        private int mayFallBehind = MAX_WAITING;
        private volatile boolean fellBehind;
        /** Resumed from further back than it may fall behind: it ends once its share of the backlog is sent. */
        private volatile boolean endsWhenSent;

        Stream(String key, SseEmitter emitter, long position, BooleanSupplier allowed) {
            super(emitter, allowed);
            this.key = key;
            this.queuedUpTo = position;
        }

        /** Hands the stream a message unless it has it already; a client too far behind is ended, to resume. */
        void enqueue(StoreMessage message) {
            if (message.position() <= queuedUpTo || fellBehind || endsWhenSent) {
                return;
            }
            if (waiting.incrementAndGet() > mayFallBehind) {
                fellBehind = true;
                outbox.clear();
                return;
            }
            outbox.add(message);
            queuedUpTo = message.position();
        }

        /**
         * The oldest messages the client missed, which are more than it may fall behind by: they are sent, then the
         * stream ends, and the client resumes after the last of them with {@code Last-Event-ID}, as one that fell
         * behind does.
         */
        void sendThenEnd(List<StoreMessage> oldest) {
            mayFallBehind += oldest.size();
            oldest.forEach(this::enqueue);
            endsWhenSent = true;
        }

        @Override
        protected boolean hasWaiting() {
            return fellBehind || endsWhenSent || !outbox.isEmpty();
        }

        /**
         * A client that fell behind is ended, not buffered for: it reconnects with {@code Last-Event-ID} and gets what
         * it missed from the log.
         */
        @Override
        protected boolean sendNew() throws IOException {
            if (fellBehind) {
                return false;
            }
            if (outbox.isEmpty()) {
                return !endsWhenSent;
            }
            if (!stillAllowed()) {
                return false;
            }
            StoreMessage message;
            while ((message = outbox.poll()) != null) {
                waiting.decrementAndGet();
                send(message);
            }
            return !endsWhenSent;
        }

        private void send(StoreMessage message) throws IOException {
            ObjectNode body = json.createObjectNode();
            body.put("type", message.type());
            body.set("at", json.valueToTree(message.at()));
            JsonNode data = json.valueToTree(message.data());
            data.fields().forEachRemaining(field -> body.set(field.getKey(), field.getValue()));
            send(SseEmitter.event()
                    .id(Long.toString(message.position()))
                    .name(message.type())
                    .data(body, MediaType.APPLICATION_JSON));
        }
    }
}
