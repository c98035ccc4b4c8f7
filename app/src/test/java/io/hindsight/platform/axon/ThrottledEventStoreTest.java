package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThrottledEventStoreTest {

    private static final Duration WINDOW = Duration.ofMillis(300);

    private final ThrottledEventStore store =
            new ThrottledEventStore(EmbeddedEventStore.builder().storageEngine(mock(EventStorageEngine.class)), WINDOW);
    private final List<Long> fetches = new CopyOnWriteArrayList<>();
    private final List<Set<Class<?>>> fetchedTypes = new CopyOnWriteArrayList<>();

    ThrottledEventStoreTest() {
        store.whenFetching(types -> {
            fetches.add(System.nanoTime());
            fetchedTypes.add(types);
        });
    }

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void fetchesTheFirstCommitAfterAQuietWindowAtOnce() {
        store.afterCommit(List.of());

        assertThat(fetches).hasSize(1);
    }

    @Test
    void fetchesTheCommitsWithinAWindowTogetherAtItsEnd() {
        store.afterCommit(List.of());
        store.afterCommit(List.of());
        store.afterCommit(List.of());
        long lastCommit = System.nanoTime();
        store.afterCommit(List.of());

        assertThat(fetches).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fetches.size() == 2);
        // The first fetch is stamped after the store was asked, which may take a moment on a loaded machine.
        assertThat(fetches.get(1) - fetches.get(0)).isGreaterThanOrEqualTo(WINDOW.toNanos() - 10_000_000);
        assertThat(fetches.get(1)).isGreaterThan(lastCommit);
    }

    @Test
    void startsANewWindowAfterTheTrailingFetch() throws InterruptedException {
        store.afterCommit(List.of());
        store.afterCommit(List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> fetches.size() == 2);
        TimeUnit.MILLISECONDS.sleep(WINDOW.toMillis() + 50);

        store.afterCommit(List.of());

        assertThat(fetches).hasSize(3);
    }

    @Test
    void namesToEachFetchThePayloadTypesCommittedSinceTheLastOne() {
        store.afterCommit(List.of(GenericEventMessage.asEventMessage("first")));
        store.afterCommit(List.of(GenericEventMessage.asEventMessage(1)));
        store.afterCommit(List.of(GenericEventMessage.asEventMessage(2L), GenericEventMessage.asEventMessage(3)));

        await().atMost(Duration.ofSeconds(10)).until(() -> fetches.size() == 2);
        assertThat(fetchedTypes).containsExactly(Set.of(String.class), Set.of(Integer.class, Long.class));
    }

    @Test
    void fetchesEveryCommitWithoutAWindow() {
        ThrottledEventStore unthrottled = new ThrottledEventStore(
                EmbeddedEventStore.builder().storageEngine(mock(EventStorageEngine.class)), Duration.ZERO);
        List<Long> each = new CopyOnWriteArrayList<>();
        unthrottled.whenFetching(types -> each.add(System.nanoTime()));
        try {
            unthrottled.afterCommit(List.of());
            unthrottled.afterCommit(List.of());
        } finally {
            unthrottled.shutDown();
        }
        assertThat(each).hasSize(2);
    }

    @Test
    void readsTheStoresTailAtMostOncePerWindowHoweverOftenItsReaderAsks() {
        List<Long> reads = new CopyOnWriteArrayList<>();
        EventStorageEngine engine = mock(EventStorageEngine.class);
        when(engine.readEvents(any(), anyBoolean())).thenAnswer(call -> {
            reads.add(System.nanoTime());
            return Stream.empty();
        });
        ThrottledEventStore paced =
                new ThrottledEventStore(EmbeddedEventStore.builder().storageEngine(engine), WINDOW);
        try {
            EventStorageEngine tail = paced.storageEngine();
            for (int i = 0; i < 4; i++) {
                tail.readEvents(null, true);
            }
        } finally {
            paced.shutDown();
        }

        // Stamped as the store itself is read, so a slow first call into the mock cannot shorten a gap; the
        // tolerance is for the scheduler alone, and unpaced reads would be microseconds apart.
        assertThat(reads).hasSize(4);
        for (int i = 1; i < reads.size(); i++) {
            assertThat(reads.get(i) - reads.get(i - 1)).isGreaterThanOrEqualTo(WINDOW.toNanos() - 10_000_000);
        }
    }

    @Test
    void readsTheTailAtOnceWhenAFetchIsAskedForWithinTheWindow() throws Exception {
        EventStorageEngine tail = store.storageEngine();
        tail.readEvents(null, true);
        long asked = System.nanoTime();
        CompletableFuture.runAsync(
                () -> store.fetchNow(Set.of()), CompletableFuture.delayedExecutor(30, TimeUnit.MILLISECONDS));

        tail.readEvents(null, true);

        assertThat(System.nanoTime() - asked).isLessThan(WINDOW.toNanos() / 2);
    }

    @Test
    void doesNotHoldUpReadsOfConsumersBehindTheTail() {
        EventStorageEngine tail = store.storageEngine();
        tail.readEvents(null, true);
        long started = System.nanoTime();

        tail.readEvents(null, false);
        tail.readEvents(null, false);

        assertThat(System.nanoTime() - started).isLessThan(WINDOW.toNanos() / 2);
    }
}
