package io.hindsight.snack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;

/**
 * A snack's likes and hates, and how snacks rank by them. The ranking is by like/hate ratio, highest
 * first (7/3 = 2.33 above 60/40 = 1.5). A snack nobody hates but somebody likes has no finite ratio and
 * ranks above every snack with hates. A snack with no reactions counts as balanced (ratio 1): below
 * every snack liked more than hated, above every snack hated more than liked. Equal ratios rank the
 * snack with more likes first (4/2 above 2/1, 1/1 above no reactions), then the one with fewer hates
 * (0/2 above 0/5).
 */
public record ReactionTally(long likes, long hates) {

    public static final ReactionTally NONE = new ReactionTally(0, 0);

    /** Best first; compares ratios exactly, by cross-multiplication. */
    public static final Comparator<ReactionTally> BY_RATIO = ReactionTally::compareRatio;

    /** likes/hates to four decimals; null when nobody hates the snack, since the ratio has no finite value. */
    public Double ratio() {
        if (hates == 0) {
            return null;
        }
        return BigDecimal.valueOf(likes)
                .divide(BigDecimal.valueOf(hates), 4, RoundingMode.HALF_EVEN)
                .doubleValue();
    }

    private static int compareRatio(ReactionTally a, ReactionTally b) {
        int byRatio = Long.compare(b.effectiveLikes() * a.effectiveHates(), a.effectiveLikes() * b.effectiveHates());
        if (a.unhatedButLiked() || b.unhatedButLiked()) {
            byRatio = Boolean.compare(b.unhatedButLiked(), a.unhatedButLiked());
        }
        if (byRatio != 0) {
            return byRatio;
        }
        int byLikes = Long.compare(b.likes, a.likes);
        return byLikes != 0 ? byLikes : Long.compare(a.hates, b.hates);
    }

    private boolean unhatedButLiked() {
        return hates == 0 && likes > 0;
    }

    /** A snack without reactions compares as 1 like to 1 hate. */
    private long effectiveLikes() {
        return likes == 0 && hates == 0 ? 1 : likes;
    }

    private long effectiveHates() {
        return likes == 0 && hates == 0 ? 1 : hates;
    }
}
