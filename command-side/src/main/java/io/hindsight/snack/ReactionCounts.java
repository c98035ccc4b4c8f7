package io.hindsight.snack;

import io.hindsight.snack.api.ReactionType;

/** A snack's likes and hates right after a reaction command, with the caller's reaction (null: none). */
public record ReactionCounts(long likes, long hates, ReactionType reaction) {

    public boolean disliked() {
        return hates > likes;
    }

    ReactionCounts withReaction(ReactionType mine) {
        return new ReactionCounts(likes, hates, mine);
    }
}
