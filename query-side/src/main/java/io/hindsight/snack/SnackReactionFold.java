package io.hindsight.snack;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.SnackReacted;
import io.hindsight.snack.api.SnackReactionId;
import io.hindsight.snack.api.SnackReactionWithdrawn;

/** A member's reaction to a snack as a fold of its events. */
public final class SnackReactionFold implements Fold<SnackReactionView> {

    @Override
    public SnackReactionView apply(SnackReactionView view, RecordedEvent event) {
        if (event.payload() instanceof SnackReacted reacted) {
            return changed(reacted.reactionId(), reacted.reaction());
        }
        if (event.payload() instanceof SnackReactionWithdrawn withdrawn) {
            return changed(withdrawn.reactionId(), null);
        }
        return view;
    }

    private static SnackReactionView changed(SnackReactionId id, ReactionType reaction) {
        return new SnackReactionView(
                id.toString(), id.snackId().value(), id.accountId().value(), reaction);
    }
}
