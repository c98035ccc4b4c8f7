package io.hindsight.snack;

import static io.hindsight.snack.api.ReactionType.HATE;
import static io.hindsight.snack.api.ReactionType.LIKE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackReacted;
import io.hindsight.snack.api.SnackReactionId;
import io.hindsight.snack.api.SnackReactionWithdrawn;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnackReactionFoldTest {

    private static final SnackReactionId ID = new SnackReactionId(SnackId.of("s1"), AccountId.of("m1"));
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final SnackReactionFold fold = new SnackReactionFold();
    private long sequence;

    private SnackReactionView apply(SnackReactionView view, Object payload, Instant at) {
        return fold.apply(view, new RecordedEvent(ID.toString(), "SnackReaction", sequence++, at, "m1", "c", payload));
    }

    @Test
    void theViewHoldsTheReactionNowAndNothingOfItsPast() {
        SnackReactionView view = apply(null, new SnackReacted(ID, HATE, null), T0);
        assertThat(view).isEqualTo(new SnackReactionView(ID.toString(), "s1", "m1", HATE));
        view = apply(view, new SnackReacted(ID, LIKE, HATE), T0.plusSeconds(10));
        assertThat(view.reaction()).isEqualTo(LIKE);
        view = apply(view, new SnackReactionWithdrawn(ID, LIKE), T0.plusSeconds(20));
        assertThat(view).isEqualTo(new SnackReactionView(ID.toString(), "s1", "m1", null));
    }
}
