package io.hindsight.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.audit.FeedHorizon;
import io.hindsight.projection.EventStoreReader;
import io.hindsight.query.QueryRole;
import io.hindsight.query.StreamAccess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * function - so nothing is lost or sent twice, and a stream never waits for the projection.
 */
@QueryRole
@Component
public class StoreStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StoreStreams.class);
    private static final long POLL_MILLIS = 200;
    private static final long RECONNECT_MILLIS = 3_000;
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    private static final int PAGE = 500;
    private static final List<String> SOURCE_TYPES =
            StoreMessages.SOURCES.stream().map(Class::getSimpleName).toList();
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

    /** Every message up to here was handed to the streams open then. */
    private long delivered = -1;

    private final long heartbeatMillis;
    private final StreamAccess access;

    public StoreStreams(
            EventStoreReader events,
            FeedHorizon horizon,
            JdbcClient jdbc,
            ObjectMapper json,
            StreamAccess access,
            @Value("${hindsight.streams.heartbeat:PT15S}") Duration heartbeat) {
        this.heartbeatMillis = heartbeat.toMillis();
        this.access = access;
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
    public synchronized SseEmitter open(String key, Long after) throws IOException {
        startIfIdle();
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Stream stream = new Stream(key, emitter, after == null ? delivered : after, access.ofCurrentCaller());
        emitter.onCompletion(() -> remove(stream));
        emitter.onTimeout(() -> remove(stream));
        emitter.onError(e -> remove(stream));
        // Commits the response at once, so the client knows it is connected before any message comes.
        emitter.send(SseEmitter.event().comment("connected").reconnectTime(RECONNECT_MILLIS));
        if (stream.position < delivered) {
            for (StoreMessage message : missed(key, stream.position, delivered)) {
                stream.send(message);
            }
        }
        streams.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(stream);
        return emitter;
    }

    /**
     * The stream's messages after {@code after} up to {@code upTo}: from the log up to the first event it has no
     * message of yet, the rest from the event store.
     */
    List<StoreMessage> missed(String key, long after, long upTo) {
        long fromLog = firstUnlogged(after, upTo).map(position -> position - 1).orElse(upTo);
        List<StoreMessage> missed = new ArrayList<>(jdbc.sql("""
                        SELECT position, type, at, data::text AS data FROM store_message
                        WHERE stream = :stream AND position > :after AND position <= :upTo ORDER BY position""")
                .param("stream", key)
                .param("after", after)
                .param("upTo", fromLog)
                .query((rs, n) -> new StoreMessage(
                        key,
                        rs.getLong("position"),
                        rs.getString("type"),
                        rs.getTimestamp("at").toInstant(),
                        read(rs.getString("data"))))
                .list());
        if (fromLog < upTo) {
            forEachMessage(Math.max(after, fromLog), upTo, message -> {
                if (message.stream().equals(key)) {
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

    private synchronized void poll() {
        try {
            startIfIdle();
            long safe = horizon.current();
            Map<Stream, Boolean> askedThisPoll = new HashMap<>();
            if (safe > delivered) {
                forEachMessage(delivered, safe, message -> {
                    for (Stream stream : streams.getOrDefault(message.stream(), Set.of())) {
                        try {
                            if (!stillAllowed(stream, askedThisPoll)) {
                                continue;
                            }
                            stream.send(message);
                        } catch (IOException | IllegalStateException gone) {
                            remove(stream);
                            stream.emitter.completeWithError(gone);
                        }
                    }
                });
                delivered = safe;
            }
            heartbeats(askedThisPoll);
        } catch (Throwable e) {
            // never thrown on: a scheduled task that throws is never run again, and every stream would end silent
            log.error("Store streams could not poll", e);
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
            List<TrackedEventMessage<?>> page = events.read(cursor, upTo, PAGE, SOURCE_TYPES);
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

    private void heartbeats(Map<Stream, Boolean> askedThisPoll) {
        long now = System.currentTimeMillis();
        for (Set<Stream> keyed : streams.values()) {
            for (Stream stream : keyed) {
                if (now - stream.lastSentAt > heartbeatMillis) {
                    if (!stillAllowed(stream, askedThisPoll)) {
                        continue;
                    }
                    try {
                        stream.emitter.send(SseEmitter.event().comment("keep-alive"));
                        stream.lastSentAt = now;
                    } catch (IOException | IllegalStateException gone) {
                        remove(stream);
                    }
                }
            }
        }
    }

    /**
     * Asks once per poll whether the stream's caller may still have it (a revocation check each), however many
     * messages the poll brings it; ends it when not: the client reconnects with a token that counts, or not at all.
     */
    private boolean stillAllowed(Stream stream, Map<Stream, Boolean> askedThisPoll) {
        boolean allowed = askedThisPoll.computeIfAbsent(stream, asked -> asked.allowed.getAsBoolean());
        if (!allowed) {
            remove(stream);
            stream.emitter.complete();
        }
        return allowed;
    }

    private void remove(Stream stream) {
        Set<Stream> keyed = streams.get(stream.key);
        if (keyed != null) {
            keyed.remove(stream);
        }
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
        streams.values().forEach(keyed -> keyed.forEach(s -> s.emitter.complete()));
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        endStreams();
    }

    private final class Stream {
        private final String key;
        private final SseEmitter emitter;
        private long position;
        private final BooleanSupplier allowed;
        private long lastSentAt = System.currentTimeMillis();

        Stream(String key, SseEmitter emitter, long position, BooleanSupplier allowed) {
            this.key = key;
            this.emitter = emitter;
            this.position = position;
            this.allowed = allowed;
        }

        /** Sends the message unless the client has it already. */
        void send(StoreMessage message) throws IOException {
            if (message.position() <= position) {
                return;
            }
            ObjectNode body = json.createObjectNode();
            body.put("type", message.type());
            body.set("at", json.valueToTree(message.at()));
            JsonNode data = json.valueToTree(message.data());
            data.fields().forEachRemaining(field -> body.set(field.getKey(), field.getValue()));
            emitter.send(SseEmitter.event()
                    .id(Long.toString(message.position()))
                    .name(message.type())
                    .data(body, MediaType.APPLICATION_JSON));
            position = message.position();
            lastSentAt = System.currentTimeMillis();
        }
    }
}
