package io.hindsight.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class LiveStreamSendersTest {

    private final Set<Probe> open = ConcurrentHashMap.newKeySet();
    private final LiveStreamSenders<Probe> senders =
            new LiveStreamSenders<>("test-sender", Duration.ofMinutes(1), open::remove);

    @AfterEach
    void stop() {
        senders.shutdown();
    }

    @Test
    void aStreamWhosePushIsStuckHoldsBackNoOther() throws Exception {
        Probe stuck = probe();
        Probe other = probe();
        stuck.release = new CountDownLatch(1);

        senders.offer(stuck);
        assertThat(stuck.started.await(5, TimeUnit.SECONDS)).isTrue();
        senders.offer(stuck);
        senders.offer(other);

        await().atMost(Duration.ofSeconds(5)).until(() -> other.pushes.get() == 1);
        assertThat(stuck.pushes).hasValue(1);
        stuck.release.countDown();
    }

    @Test
    void somethingThatCameDuringAPushIsPushedWithoutWaitingForTheNextOffer() throws Exception {
        Probe stream = probe();
        stream.release = new CountDownLatch(1);
        senders.offer(stream);
        assertThat(stream.started.await(5, TimeUnit.SECONDS)).isTrue();
        stream.waiting.set(true);
        senders.offer(stream);
        stream.release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> stream.pushes.get() == 2);
    }

    @Test
    void aStreamWhoseCallerLostAccessIsEndedAndForgotten() {
        Probe stream = probe();
        stream.allowed = false;
        senders.offer(stream);

        await().atMost(Duration.ofSeconds(5)).until(() -> !open.contains(stream));
        senders.offer(stream);
        assertThat(stream.pushes).hasValue(1);
    }

    @Test
    void aStreamBeingPushedAsTheNodeStopsIsEndedWhenItsPushReturns() throws Exception {
        Probe stream = probe();
        stream.release = new CountDownLatch(1);
        senders.offer(stream);
        assertThat(stream.started.await(5, TimeUnit.SECONDS)).isTrue();

        senders.endAll(Set.copyOf(open));
        assertThat(open).contains(stream);
        stream.release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> !open.contains(stream));
        senders.offer(stream);
        assertThat(stream.pushes).hasValue(1);
    }

    private Probe probe() {
        Probe probe = new Probe();
        open.add(probe);
        return probe;
    }

    private static final class Probe extends LiveStream {
        final AtomicInteger pushes = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicBoolean waiting = new AtomicBoolean();
        volatile CountDownLatch release;
        volatile boolean allowed = true;

        Probe() {
            super(new SseEmitter(), () -> true);
        }

        @Override
        protected boolean sendNew() throws IOException {
            pushes.incrementAndGet();
            waiting.set(false);
            started.countDown();
            CountDownLatch held = release;
            if (held != null) {
                try {
                    held.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release = null;
            }
            return allowed;
        }

        @Override
        protected boolean hasWaiting() {
            return waiting.get();
        }
    }
}
