package io.hindsight.snack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReactionTallyTest {

    private static List<ReactionTally> ranked(ReactionTally... tallies) {
        return Stream.of(tallies).sorted(ReactionTally.BY_RATIO).toList();
    }

    @Test
    void sevenToThreeRanksAboveSixtyToForty() {
        ReactionTally seven = new ReactionTally(7, 3);
        ReactionTally sixty = new ReactionTally(60, 40);
        assertThat(ranked(sixty, seven)).containsExactly(seven, sixty);
        assertThat(seven.ratio()).isEqualTo(2.3333);
        assertThat(sixty.ratio()).isEqualTo(1.5);
    }

    @Test
    void nobodyHatingRanksFirstAndNoReactionsCountsAsBalanced() {
        ReactionTally unhated = new ReactionTally(2, 0);
        ReactionTally moreUnhated = new ReactionTally(5, 0);
        ReactionTally loved = new ReactionTally(100, 1);
        ReactionTally balanced = new ReactionTally(3, 3);
        ReactionTally none = new ReactionTally(0, 0);
        ReactionTally disliked = new ReactionTally(1, 2);
        ReactionTally hatedByTwo = new ReactionTally(0, 2);
        ReactionTally hatedByFive = new ReactionTally(0, 5);

        assertThat(ranked(hatedByFive, none, disliked, loved, unhated, balanced, hatedByTwo, moreUnhated))
                .containsExactly(moreUnhated, unhated, loved, balanced, none, disliked, hatedByTwo, hatedByFive);
        assertThat(unhated.ratio()).isNull();
        assertThat(none.ratio()).isNull();
        assertThat(hatedByTwo.ratio()).isZero();
    }

    @Test
    void equalRatiosRankMoreLikesFirst() {
        assertThat(ranked(new ReactionTally(2, 1), new ReactionTally(4, 2)))
                .containsExactly(new ReactionTally(4, 2), new ReactionTally(2, 1));
    }
}
