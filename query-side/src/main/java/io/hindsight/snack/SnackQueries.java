package io.hindsight.snack;

import io.hindsight.common.BusinessException;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.projection.ViewStore;
import io.hindsight.projection.Views;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.SnackError;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of snacks: the list with reaction counts from Redis, and one snack now or as of an instant. */
@Service
public class SnackQueries {

    private final JdbcClient jdbc;
    private final ViewStore store;
    private final Views views;
    private final EventHistory history;
    private final ViewDefinition<SnackView> snacks;
    private final ViewDefinition<SnackReactionView> reactions;
    private final SnackReactionSets sets;

    public SnackQueries(
            JdbcClient jdbc,
            ViewStore store,
            Views views,
            EventHistory history,
            ViewDefinition<SnackView> snacks,
            ViewDefinition<SnackReactionView> reactions,
            SnackReactionSets sets) {
        this.jdbc = jdbc;
        this.store = store;
        this.views = views;
        this.history = history;
        this.snacks = snacks;
        this.reactions = reactions;
        this.sets = sets;
    }

    /**
     * The snacks in the requested order. Ranking by ratio needs every snack's counts, fetched from Redis
     * in one pipelined round trip and ranked in memory: cheap for a catalogue of thousands of snacks.
     */
    public Page<SnackListing> list(SnackSort sort, Paging paging, String callerId) {
        long total =
                jdbc.sql("SELECT count(*) FROM snack_view").query(Long.class).single();
        List<String> pageIds = switch (sort) {
            case RATIO ->
                rankedByRatio().stream()
                        .skip(paging.offset())
                        .limit(paging.limit())
                        .toList();
            case NEWEST -> pageOfIds("ORDER BY registered_at DESC, aggregate_id", paging);
            case NAME -> pageOfIds("ORDER BY lower(name), aggregate_id", paging);
        };
        Map<String, SnackView> found = store
                .findAll(
                        snacks,
                        "WHERE aggregate_id IN (:ids)",
                        Map.of("ids", pageIds.isEmpty() ? List.of("") : pageIds))
                .stream()
                .collect(Collectors.toMap(SnackView::snackId, Function.identity()));
        Map<String, ReactionTally> counts = sets.counts(pageIds);
        Map<String, ReactionType> mine = sets.reactionsOf(callerId, pageIds);
        List<SnackListing> items = pageIds.stream()
                .filter(found::containsKey)
                .map(id -> new SnackListing(found.get(id), counts.getOrDefault(id, ReactionTally.NONE), mine.get(id)))
                .toList();
        return Page.of(items, total, paging);
    }

    /** The snack now, with its current counts. */
    public SnackListing current(String snackId, String callerId) {
        SnackView snack = views.current(snacks, snackId).orElseThrow(() -> notFound(snackId));
        return new SnackListing(
                snack,
                sets.counts(List.of(snackId)).get(snackId),
                sets.reactionsOf(callerId, List.of(snackId)).get(snackId));
    }

    /** The snack and its counts as they were at {@code instant}, told by the members' reaction timelines. */
    public SnackListing asOf(String snackId, Instant instant, String callerId) {
        SnackView snack = history.asOf(snacks, snackId, instant).orElseThrow(() -> notFound(snackId));
        long likes = 0;
        long hates = 0;
        ReactionType mine = null;
        for (SnackReactionView reaction : store.findAll(reactions, "WHERE snack_id = :id", Map.of("id", snackId))) {
            ReactionType then = reaction.reactionAt(instant);
            likes += then == ReactionType.LIKE ? 1 : 0;
            hates += then == ReactionType.HATE ? 1 : 0;
            if (reaction.accountId().equals(callerId)) {
                mine = then;
            }
        }
        return new SnackListing(snack, new ReactionTally(likes, hates), mine);
    }

    private List<String> rankedByRatio() {
        List<RankedSnack> all = jdbc.sql("SELECT aggregate_id, name FROM snack_view")
                .query((rs, n) -> new RankedSnack(rs.getString("aggregate_id"), rs.getString("name")))
                .list();
        Map<String, ReactionTally> counts =
                sets.counts(all.stream().map(RankedSnack::snackId).toList());
        return all.stream()
                .sorted(Comparator.<RankedSnack, ReactionTally>comparing(
                                s -> counts.get(s.snackId()), ReactionTally.BY_RATIO)
                        .thenComparing(s -> s.name().toLowerCase(Locale.ROOT))
                        .thenComparing(RankedSnack::snackId))
                .map(RankedSnack::snackId)
                .toList();
    }

    private List<String> pageOfIds(String orderBy, Paging paging) {
        return jdbc.sql("SELECT aggregate_id FROM snack_view " + orderBy + " LIMIT :limit OFFSET :offset")
                .param("limit", paging.limit())
                .param("offset", paging.offset())
                .query(String.class)
                .list();
    }

    private static BusinessException notFound(String snackId) {
        return new BusinessException(SnackError.SNACK_NOT_FOUND, "No snack %s", snackId);
    }

    private record RankedSnack(String snackId, String name) {}
}
