package io.hindsight.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.command.Turns.Turn;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TurnQueuesTest {

    private static final Turn CAMPAIGN_A = new Turn("campaign-turn", "cmp-a");
    private static final Turn CAMPAIGN_B = new Turn("campaign-turn", "cmp-b");

    private final TurnQueues queues = new TurnQueues(Duration.ofMillis(300), 2);

    @Test
    void aSecondCommandForOneAggregateWaitsUntilTheFirstLeaves() throws Exception {
        TurnQueues.Place first = queues.enter(List.of(CAMPAIGN_A));
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try (TurnQueues.Place place = queues.enter(List.of(CAMPAIGN_B))) {
                entered.countDown();
            }
        });
        assertThat(entered.await(2, TimeUnit.SECONDS))
                .as("another aggregate does not wait")
                .isTrue();
        second.get(2, TimeUnit.SECONDS);

        CountDownLatch sameEntered = new CountDownLatch(1);
        CompletableFuture<Void> same = CompletableFuture.runAsync(() -> {
            try (TurnQueues.Place place = queues.enter(List.of(CAMPAIGN_A))) {
                sameEntered.countDown();
            }
        });
        assertThat(sameEntered.await(100, TimeUnit.MILLISECONDS))
                .as("waits its turn")
                .isFalse();
        first.close();
        same.get(2, TimeUnit.SECONDS);
        assertThat(sameEntered.getCount()).isZero();
        assertThat(queues.inUse()).as("nothing kept once nobody waits").isZero();
    }

    /** Each one in line holds a request thread: past the limit the next is refused at once, not after the wait. */
    @Test
    void aCommandFindingTheLineFullIsRefusedAtOnce() throws Exception {
        TurnQueues.Place holder = queues.enter(List.of(CAMPAIGN_A));
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(
                () -> queues.enter(List.of(CAMPAIGN_A)).close());
        for (long until = System.nanoTime() + 2_000_000_000L;
                queues.inLine(CAMPAIGN_A) < 2 && System.nanoTime() < until; ) {
            Thread.onSpinWait();
        }
        assertThat(queues.inLine(CAMPAIGN_A)).isEqualTo(2);

        long start = System.nanoTime();
        assertThatThrownBy(() -> queues.enter(List.of(CAMPAIGN_A)))
                .isInstanceOf(BusinessException.class)
                .satisfies(busy -> assertThat(((BusinessException) busy).code()).isEqualTo(CommonError.SERVER_BUSY));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        assertThat(queues.inLine(CAMPAIGN_A))
                .as("the refused one left no place")
                .isEqualTo(2);

        holder.close();
        waiting.get(2, TimeUnit.SECONDS);
        assertThat(queues.inUse()).isZero();
    }

    @Test
    void aCommandThatWaitsTooLongIsAnsweredServerBusyAndHoldsNothing() throws Exception {
        TurnQueues.Place holder = queues.enter(List.of(CAMPAIGN_B));
        CompletableFuture<Void> waiting =
                CompletableFuture.runAsync(() -> queues.enter(List.of(CAMPAIGN_A, CAMPAIGN_B)));

        assertThatThrownBy(() -> waiting.get(2, TimeUnit.SECONDS))
                .hasCauseInstanceOf(BusinessException.class)
                .cause()
                .satisfies(busy -> assertThat(((BusinessException) busy).code()).isEqualTo(CommonError.SERVER_BUSY));
        // the turn it had taken before it gave up is free again
        try (TurnQueues.Place free = queues.enter(List.of(CAMPAIGN_A))) {
            assertThat(queues.inUse()).isEqualTo(2);
        }
        holder.close();
        assertThat(queues.inUse()).isZero();
    }
}
