package io.hindsight.snack;

import io.hindsight.snack.api.ReactionType;
import java.time.Instant;
import java.util.List;

/** One member's reaction to one snack now, and every change of it with its instant. */
public record SnackReactionView(
        String reactionId, String snackId, String accountId, ReactionType reaction, List<Change> timeline) {

    public SnackReactionView {
        timeline = List.copyOf(timeline);
    }

    /** The reaction in force at {@code instant}; null before the first one or after a withdrawal. */
    public ReactionType reactionAt(Instant instant) {
        ReactionType then = null;
        for (Change change : timeline) {
            if (change.at().isAfter(instant)) {
                break;
            }
            then = change.reaction();
        }
        return then;
    }

    /** The reaction became {@code reaction} (null: withdrawn) at {@code at}. */
    public record Change(ReactionType reaction, Instant at) {}
}
