package io.hindsight.snack;

import io.hindsight.projection.SqlArrays;
import io.hindsight.projection.SqlInstants;
import io.hindsight.projection.ViewFollower;
import io.hindsight.snack.api.ReactionType;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every change of a member's reaction to a snack, one row per event ({@code snack_reaction_change}), from which the
 * counts as of an instant are told. Kept in each member's view as a timeline, they made every switch of a reaction
 * rewrite the view with all the switches before it: a member switching back and forth grew the cost of each switch,
 * and every read as of an instant parsed them all.
 */
@Repository
public class SnackReactionChanges implements ViewFollower<SnackReactionView> {

    static final String TABLE = "snack_reaction_change";

    private final JdbcClient jdbc;

    public SnackReactionChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<String> tablesWrittenByKey() {
        return List.of(TABLE);
    }

    @Override
    public void follow(Step<SnackReactionView> step) {
        followAll(List.of(step));
    }

    /** One row per event, at the event's sequence: a redelivered event finds its row written. */
    @Override
    public void followAll(List<Step<SnackReactionView>> steps) {
        jdbc.sql("""
                        INSERT INTO snack_reaction_change (reaction_id, sequence, snack_id, account_id, reaction, at)
                        SELECT * FROM unnest(CAST(:reactions AS text[]), CAST(:sequences AS bigint[]),
                            CAST(:snacks AS text[]), CAST(:accounts AS text[]), CAST(:kinds AS text[]),
                            CAST(:ats AS timestamptz[]))
                        ON CONFLICT DO NOTHING""")
                .param(
                        "reactions",
                        SqlArrays.literal(steps, step -> step.event().aggregateId()))
                .param(
                        "sequences",
                        SqlArrays.literal(steps, step -> step.event().sequence()))
                .param("snacks", SqlArrays.literal(steps, step -> step.view().snackId()))
                .param("accounts", SqlArrays.literal(steps, step -> step.view().accountId()))
                .param("kinds", SqlArrays.literal(steps, step -> step.view().reaction()))
                .param("ats", SqlArrays.literal(steps, step -> step.event().timestamp()))
                .update();
    }

    /**
     * The snack's likes and hates at {@code at}, and the caller's reaction then. A member's reaction then is their
     * last change before the first one made after {@code at}, in the order they were made, so that a change stamped
     * a little early by another node's clock never reaches back before the changes it came after.
     */
    public AsOf asOf(String snackId, Instant at, String callerId) {
        long[] tally = new long[2];
        ReactionType[] mine = new ReactionType[1];
        jdbc.sql("""
                        WITH cuts AS (
                            SELECT reaction_id, min(sequence) FILTER (WHERE at > :at) AS cut
                            FROM snack_reaction_change WHERE snack_id = :snack GROUP BY reaction_id)
                        SELECT DISTINCT ON (c.reaction_id) c.account_id, c.reaction
                        FROM snack_reaction_change c JOIN cuts USING (reaction_id)
                        WHERE c.snack_id = :snack AND (cuts.cut IS NULL OR c.sequence < cuts.cut)
                        ORDER BY c.reaction_id, c.sequence DESC""")
                .param("snack", snackId)
                .param("at", SqlInstants.bounded(at))
                .query((RowCallbackHandler) rs -> {
                    ReactionType reaction =
                            rs.getString("reaction") == null ? null : ReactionType.valueOf(rs.getString("reaction"));
                    if (reaction == ReactionType.LIKE) {
                        tally[0]++;
                    } else if (reaction == ReactionType.HATE) {
                        tally[1]++;
                    }
                    if (rs.getString("account_id").equals(callerId)) {
                        mine[0] = reaction;
                    }
                });
        return new AsOf(new ReactionTally(tally[0], tally[1]), mine[0]);
    }

    /** A snack's counts at an instant, and the caller's reaction then (null: none). */
    public record AsOf(ReactionTally tally, ReactionType mine) {}
}
