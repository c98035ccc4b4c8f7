package io.hindsight.platform.axon;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.hindsight.projection.admin.HeldSegments;
import io.hindsight.projection.admin.TokenOwner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The balancer's decisions for one processor of two segments, on a clock the test moves. */
class SegmentBalancerTest {

    private static final String PROCESSOR = "accounts";
    /** Three claim intervals of 2 s plus the 1 s heartbeat. */
    private static final long RELEASED_FOR_MILLIS = 7_000;
    /** The release plus a claim interval and a heartbeat: by then another node has taken the segment, or not. */
    private static final Duration SETTLES_AFTER = Duration.ofMillis(RELEASED_FOR_MILLIS + 2_000 + 1_000 + 1);

    private final MovingClock clock = new MovingClock();
    private final Map<Integer, EventTrackerStatus> held = new HashMap<>();
    private final HeldSegments heldSegments = mock(HeldSegments.class);
    private final LapsedNodeClaims lapsedNodeClaims = mock(LapsedNodeClaims.class);
    private StreamingEventProcessor processor;
    private TokenStore tokens;
    private SegmentBalancer balancer;

    @BeforeEach
    void twoSegmentsHeldHere() {
        held.put(0, mock(EventTrackerStatus.class));
        held.put(1, mock(EventTrackerStatus.class));
        processor = mock(StreamingEventProcessor.class);
        when(processor.getName()).thenReturn(PROCESSOR);
        when(processor.isRunning()).thenReturn(true);
        when(processor.processingStatus()).thenAnswer(call -> Map.copyOf(held));
        when(heldSegments.statuses(processor)).thenAnswer(call -> Map.copyOf(held));
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.<String, EventProcessor>of(PROCESSOR, processor));
        tokens = mock(TokenStore.class);
        when(tokens.fetchSegments(PROCESSOR)).thenReturn(new int[] {0, 1});
        balancer = new SegmentBalancer(
                processing,
                tokens,
                mock(StringRedisTemplate.class),
                heldSegments,
                new ProjectionProperties(null, null, Duration.ofSeconds(2), null, null, null),
                new TokenOwner("this-node"),
                lapsedNodeClaims,
                clock);
    }

    @Test
    void aLoneNodeKeepsEverySegment() {
        balancer.balance(1);
        clock.advance(Duration.ofMinutes(1));
        balancer.balance(1);

        verify(processor, never()).releaseSegment(anyInt(), anyLong(), eq(TimeUnit.MILLISECONDS));
    }

    @Test
    void aStatusAxonKeepsForASegmentTheTokenTableGivesElsewhereIsNotCounted() {
        when(heldSegments.statuses(processor)).thenAnswer(call -> Map.of(1, held.get(1)));

        balancer.balance(2);
        clock.advance(Duration.ofMinutes(1));
        balancer.balance(2);

        verify(processor, never()).releaseSegment(anyInt(), anyLong(), eq(TimeUnit.MILLISECONDS));
    }

    @Test
    void withTwoNodesTheSurplusSegmentIsReleasedOnceAndStaysWithTheNodeThatTookIt() {
        balancer.balance(2);
        verify(processor).releaseSegment(1, RELEASED_FOR_MILLIS, TimeUnit.MILLISECONDS);
        held.remove(1);

        clock.advance(SETTLES_AFTER);
        balancer.balance(2);
        clock.advance(Duration.ofMinutes(1));
        balancer.balance(2);

        verify(processor, times(1)).releaseSegment(anyInt(), anyLong(), eq(TimeUnit.MILLISECONDS));
    }

    @Test
    void aReleaseNoOtherNodeTakesIsNotRepeatedForTenSecondsThenTwentyAndSoOn() {
        balancer.balance(2);
        clock.advance(Duration.ofSeconds(5));
        balancer.balance(2);
        releasesSoFar(1);

        clock.advance(SETTLES_AFTER);
        balancer.balance(2); // the segment came back: keep it for 10 s
        clock.advance(Duration.ofSeconds(9));
        balancer.balance(2);
        releasesSoFar(1);

        clock.advance(Duration.ofSeconds(2));
        balancer.balance(2);
        releasesSoFar(2);

        clock.advance(SETTLES_AFTER);
        balancer.balance(2); // back again: keep it for 20 s
        clock.advance(Duration.ofSeconds(19));
        balancer.balance(2);
        releasesSoFar(2);

        clock.advance(Duration.ofSeconds(2));
        balancer.balance(2);
        releasesSoFar(3);
    }

    @Test
    void theQuietPeriodStopsGrowingAtFiveMinutes() {
        for (int release = 0; release < 12; release++) {
            balancer.balance(2);
            clock.advance(SETTLES_AFTER);
            balancer.balance(2);
            clock.advance(SegmentBalancer.LONGEST_QUIET.plusSeconds(1));
        }
        releasesSoFar(12);
    }

    @Test
    void aSegmentNoNodeClaimedAtTwoLooksInARowIsClaimedHere() {
        held.remove(1);
        when(tokens.fetchAvailableSegments(PROCESSOR)).thenReturn(List.of(Segment.computeSegment(1, 0, 1)));
        balancer.balance(1);
        clock.advance(Duration.ofMillis(RELEASED_FOR_MILLIS - 1));
        balancer.balance(1);
        verify(processor, never()).claimSegment(anyInt());

        clock.advance(Duration.ofMillis(1));
        balancer.balance(1);
        verify(processor).claimSegment(1);
    }

    @Test
    void cannotClaimASegmentThatWasClaimedBetweenTheLooks() {
        held.remove(1);
        when(tokens.fetchAvailableSegments(PROCESSOR))
                .thenReturn(List.of(Segment.computeSegment(1, 0, 1)))
                .thenReturn(List.of())
                .thenReturn(List.of(Segment.computeSegment(1, 0, 1)));
        for (int look = 0; look < 3; look++) {
            balancer.balance(1);
            clock.advance(Duration.ofMillis(RELEASED_FOR_MILLIS));
        }
        verify(processor, never()).claimSegment(anyInt());
    }

    @Test
    void cannotClaimBackASegmentThisNodeReleasedBeforeTheReleaseSettles() {
        balancer.balance(2);
        releasesSoFar(1);
        held.remove(1);
        when(tokens.fetchAvailableSegments(PROCESSOR)).thenReturn(List.of(Segment.computeSegment(1, 0, 1)));
        clock.advance(Duration.ofMillis(RELEASED_FOR_MILLIS));
        balancer.balance(2);
        clock.advance(Duration.ofMillis(RELEASED_FOR_MILLIS));
        balancer.balance(2);
        verify(processor, never()).claimSegment(anyInt());
    }

    @Test
    void aSegmentFreedFromALapsedNodeIsClaimedHereAtOnce() {
        held.remove(1);
        when(lapsedNodeClaims.free(
                        Set.of(PROCESSOR), Set.of("this-node"), clock.instant().minus(SegmentBalancer.LAPSES_AFTER)))
                .thenReturn(List.of(new LapsedNodeClaims.FreedClaim(PROCESSOR, 1, "dead-node")));

        balancer.takeOverFromLapsedNodes(Set.of("this-node"));

        verify(processor).claimSegment(1);
    }

    private void releasesSoFar(int releases) {
        verify(processor, times(releases)).releaseSegment(1, RELEASED_FOR_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
