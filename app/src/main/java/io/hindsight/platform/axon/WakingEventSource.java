package io.hindsight.platform.axon;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as the pooled processors read it, with coordinators told when events are there. Axon 4.13's
 * embedded store offers no such callback, so a caught-up coordinator looks again only every 500 ms - the whole
 * command-to-read-model lag. Here every stream takes the callback: it is called whenever the store's reader is asked
 * to fetch local commits ({@link ThrottledEventStore}) and every {@value #TICK_MILLIS} ms (events other nodes wrote),
 * and after a wake-up the coordinator's looks wait up to {@value #WAIT_MILLIS} ms in all for the reader's fetch.
 * <p>
 * A fetch wakes only the streams whose processor may handle one of the committed events' types: each stream
 * remembers the types its coordinator skipped as having no handler. Waking a coordinator wakes each of its work
 * packages too, so waking all eighteen processors for a command two of them fold was half the thread wake-ups of
 * a command; the others move their tokens past such events at the next tick.
 */
final class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    static final long WAIT_MILLIS = 20;
    static final long TICK_MILLIS = 200;

    private static final Logger log = LoggerFactory.getLogger(WakingEventSource.class);

    private final EventStore store;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-source-waker");
        thread.setDaemon(true);
        return thread;
    });

    WakingEventSource(EventStore store) {
        this.store = store;
        ticker.scheduleWithFixedDelay(this::wakeAll, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Each stream is woken on its own: one that fails (its processor shut down) neither keeps the others asleep
     * nor fails the commit that woke them, and the ticks go on (a scheduled task that throws never runs again).
     * It is no longer woken; its processor sets a new callback on the stream it opens when it starts again.
     */
    void wakeAll() {
        wake(stream -> true);
    }

    /** Wakes the streams whose processor may handle an event of one of the given payload types. */
    void wakeFor(Set<Class<?>> payloadTypes) {
        if (!payloadTypes.isEmpty()) {
            wake(stream -> stream.mayHandleAnyOf(payloadTypes));
        }
    }

    private void wake(Predicate<Stream> which) {
        for (Stream stream : streams) {
            if (!which.test(stream)) {
                continue;
            }
            try {
                stream.callback.run();
            } catch (RuntimeException e) {
                streams.remove(stream);
                log.warn("A projection processor could not be woken, and no longer will be: {}", e.toString());
            }
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Stream(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        private final Set<Class<?>> typesWithoutHandler = ConcurrentHashMap.newKeySet();
        private volatile Runnable callback;
        private volatile long lookUntil = System.nanoTime();

        Stream(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return events.hasNextAvailable(timeout, unit);
        }

        /**
         * After a wake-up, the coordinator's looks wait, together, up to {@value #WAIT_MILLIS} ms for the store's
         * reader to fetch what was committed; its other passes (after a batch, when stopping) do not wait. Waiting
         * at each of a pass's up to three looks kept a coordinator busy 60 ms per wake-up, which is also how long
         * stopping it (a replay's pause) took.
         */
        @Override
        public boolean hasNextAvailable() {
            try {
                return events.hasNextAvailable((int) Math.max(0, lookUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return events.nextAvailable();
        }

        /** Axon's coordinator calls this for an event whose payload type none of its processor's handlers takes. */
        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            typesWithoutHandler.add(ignoredMessage.getPayloadType());
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        boolean mayHandleAnyOf(Set<Class<?>> payloadTypes) {
            return !typesWithoutHandler.containsAll(payloadTypes);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable onAvailable) {
            callback = () -> {
                lookUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
                onAvailable.run();
            };
            streams.add(this);
            return true;
        }

        @Override
        public void close() {
            streams.remove(this);
            events.close();
        }
    }
}
