package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WakingEventSourceTest {

    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(WakingEventSource.WAIT_MILLIS);

    private final EmptyStream store = new EmptyStream();
    private Runnable fetching;
    private BlockingStream<TrackedEventMessage<?>> stream;
    private final AtomicInteger wakeUps = new AtomicInteger();

    @BeforeEach
    @SuppressWarnings({"unchecked", "rawtypes"})
    void openStream() {
        EventStore events = mock(EventStore.class);
        when(events.openStream(any())).thenReturn((BlockingStream) store);
        WakingEventSource source = new WakingEventSource(events);
        source.close(); // no ticks: this test wakes the streams itself
        fetching = source::wakeAll;
        stream = source.openStream(null);
        stream.setOnAvailableCallback(wakeUps::incrementAndGet);
    }

    @Test
    void doesNotWaitForTheStoresReaderWhenNothingWasFetched() {
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.hasNextAvailable()).isFalse();

        assertThat(store.askedToWaitNanos).containsExactly(0L, 0L);
    }

    @Test
    void waitsForTheStoresReaderAfterAFetchAtMostTheWaitInAllOverOnePassOfLooks() {
        fetching.run();

        assertThat(wakeUps).hasValue(1);
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(store.askedToWaitNanos.get(0)).isPositive().isLessThanOrEqualTo(WAIT_NANOS);
        assertThat(store.askedToWaitNanos.stream().mapToLong(Long::longValue).sum())
                .isLessThanOrEqualTo(WAIT_NANOS);
        assertThat(store.askedToWaitNanos.get(2)).isZero();
    }

    @Test
    void waitsAgainAfterTheNextFetch() {
        fetching.run();
        stream.hasNextAvailable();
        fetching.run();
        stream.hasNextAvailable();

        assertThat(wakeUps).hasValue(2);
        assertThat(store.askedToWaitNanos)
                .hasSize(2)
                .allSatisfy(nanos -> assertThat(nanos).isPositive());
    }

    @Test
    void wakesEveryOtherStreamWhenOneCannotBeWokenAndKeepsTicking() {
        EventStore events = mock(EventStore.class);
        when(events.openStream(any())).thenReturn(new EmptyStream());
        AtomicInteger others = new AtomicInteger();
        try (WakingEventSource source = new WakingEventSource(events)) {
            source.openStream(null).setOnAvailableCallback(() -> {
                throw new IllegalStateException("coordinator shut down");
            });
            source.openStream(null).setOnAvailableCallback(others::incrementAndGet);
            // a ticker the throwing callback had stopped would wake the other stream once at most
            await().atMost(Duration.ofSeconds(10)).until(() -> others.get() >= 3);
        }
    }

    @Test
    void wakesAFetchOnlyTheStreamsWhoseProcessorMayHandleOneOfItsTypes() {
        EventStore events = mock(EventStore.class);
        when(events.openStream(any())).thenAnswer(invocation -> new EmptyStream());
        AtomicInteger ofStrings = new AtomicInteger();
        AtomicInteger ofAll = new AtomicInteger();
        WakingEventSource source = new WakingEventSource(events);
        source.close(); // no ticks: only the wake-ups below may count
        BlockingStream<TrackedEventMessage<?>> skippingStrings = source.openStream(null);
        skippingStrings.setOnAvailableCallback(ofStrings::incrementAndGet);
        source.openStream(null).setOnAvailableCallback(ofAll::incrementAndGet);
        skippingStrings.skipMessagesWithPayloadTypeOf(new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(1), GenericEventMessage.asEventMessage("no handler")));

        source.wakeFor(Set.of(String.class));
        assertThat(ofStrings).hasValue(0);
        assertThat(ofAll).hasValue(1);

        source.wakeFor(Set.of(String.class, Integer.class));
        assertThat(ofStrings).hasValue(1);
        assertThat(ofAll).hasValue(2);

        source.wakeAll();
        assertThat(ofStrings).hasValue(2);
        assertThat(ofAll).hasValue(3);
    }

    /** A store with nothing new: each look takes as long as it was allowed to wait. */
    private static final class EmptyStream implements BlockingStream<TrackedEventMessage<?>> {
        final List<Long> askedToWaitNanos = new ArrayList<>();

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long nanos = unit.toNanos(timeout);
            askedToWaitNanos.add(nanos);
            TimeUnit.NANOSECONDS.sleep(nanos);
            return false;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.empty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            throw new IllegalStateException("nothing to take");
        }

        @Override
        public void close() {}
    }
}
