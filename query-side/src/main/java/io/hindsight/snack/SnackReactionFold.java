package io.hindsight.snack;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.SnackReacted;
import io.hindsight.snack.api.SnackReactionId;
import io.hindsight.snack.api.SnackReactionWithdrawn;
import java.util.ArrayList;
import java.util.List;

/** A member's reaction to a snack as a fold of its events. */
public final class SnackReactionFold implements Fold<SnackReactionView> {

    @Override
    public SnackReactionView apply(SnackReactionView view, RecordedEvent event) {
        if (event.payload() instanceof SnackReacted reacted) {
            return changed(view, reacted.reactionId(), reacted.reaction(), event);
        }
        if (event.payload() instanceof SnackReactionWithdrawn withdrawn) {
            return changed(view, withdrawn.reactionId(), null, event);
        }
        return view;
    }

    private static SnackReactionView changed(
            SnackReactionView view, SnackReactionId id, ReactionType reaction, RecordedEvent event) {
        List<SnackReactionView.Change> timeline = new ArrayList<>(view == null ? List.of() : view.timeline());
        timeline.add(new SnackReactionView.Change(reaction, event.timestamp()));
        return new SnackReactionView(
                id.toString(), id.snackId().value(), id.accountId().value(), reaction, timeline);
    }
}
