package io.hindsight.snack.guard;

import io.hindsight.common.BusinessException;
import io.hindsight.snack.ReactionCounts;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Likes and hates per snack as the command side counts them, updated in the reaction command's
 * transaction: reactions only to registered snacks, and no approval of an order whose snack is more
 * hated than liked. The query side serves counts from Redis; this table exists because those rules need
 * them here and the command side never reads query-side stores.
 */
@Repository
public class SnackReactionTally {

    private final JdbcClient jdbc;

    public SnackReactionTally(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every registered snack has a tally, opened when it is registered. */
    public void open(SnackId snackId) {
        jdbc.sql("INSERT INTO snack_reaction_tally (snack_id) VALUES (:id)")
                .param("id", snackId.value())
                .update();
    }

    /**
     * Moves one member's reaction from {@code previous} to {@code next} (either may be null), or refuses
     * with SNACK_NOT_FOUND when the snack has no tally, that is, is not registered.
     */
    public ReactionCounts moveOrRefuse(SnackId snackId, ReactionType previous, ReactionType next) {
        return jdbc.sql("""
                        UPDATE snack_reaction_tally SET likes = likes + :likes, hates = hates + :hates
                        WHERE snack_id = :id RETURNING likes, hates""")
                .param("id", snackId.value())
                .param("likes", delta(ReactionType.LIKE, previous, next))
                .param("hates", delta(ReactionType.HATE, previous, next))
                .query((rs, n) -> new ReactionCounts(rs.getLong("likes"), rs.getLong("hates"), next))
                .optional()
                .orElseThrow(() -> notFound(snackId));
    }

    public ReactionCounts countsOrRefuse(SnackId snackId) {
        return jdbc.sql("SELECT likes, hates FROM snack_reaction_tally WHERE snack_id = :id")
                .param("id", snackId.value())
                .query((rs, n) -> new ReactionCounts(rs.getLong("likes"), rs.getLong("hates"), null))
                .optional()
                .orElseThrow(() -> notFound(snackId));
    }

    /**
     * The snacks among {@code snackIds} with more hates than likes. Every row read stays share-locked
     * until the command's transaction ends: a reaction to one of these snacks that has not committed
     * yet is waited for and then seen, and one that comes later waits until this command is done.
     */
    public List<SnackId> lockAndFindDisliked(Collection<SnackId> snackIds) {
        return jdbc
                .sql("""
                        SELECT snack_id, likes, hates FROM snack_reaction_tally
                        WHERE snack_id IN (:ids) ORDER BY snack_id FOR SHARE""")
                .param("ids", snackIds.stream().map(SnackId::value).toList())
                .query((rs, n) -> rs.getInt("hates") > rs.getInt("likes") ? SnackId.of(rs.getString("snack_id")) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    private static int delta(ReactionType counted, ReactionType previous, ReactionType next) {
        return (next == counted ? 1 : 0) - (previous == counted ? 1 : 0);
    }

    private static BusinessException notFound(SnackId snackId) {
        return new BusinessException(SnackError.SNACK_NOT_FOUND, "No snack %s", snackId);
    }
}
