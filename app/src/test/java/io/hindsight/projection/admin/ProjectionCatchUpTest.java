package io.hindsight.projection.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class ProjectionCatchUpTest {

    @Test
    void aReplayFromTheFirstEventHasFoldedNothing() {
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(41), null);

        assertThat(ProjectionCatchUp.lowerBound(replay)).isEqualTo(-1);
    }

    @Test
    void aSegmentThatNeverStartedHasFoldedNothingAndOneAtAPositionHasFoldedUpToIt() {
        assertThat(ProjectionCatchUp.lowerBound(null)).isEqualTo(-1);
        assertThat(ProjectionCatchUp.lowerBound(new GlobalSequenceTrackingToken(41)))
                .isEqualTo(41);
    }
}
