package io.hindsight.snack;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.ViewFollower;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackReactionEvent;
import io.hindsight.snack.api.SnackReactionId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who likes and who hates each snack, as two Redis sets of account ids per snack
 * ({@code hs:snack:{id}:likes}, {@code hs:snack:{id}:hates}; the braces keep a snack's two sets in one
 * cluster slot). Counts are the sets' sizes. Only the snack reaction projection writes them, always
 * setting a member's state as of the event, so redelivered events change nothing.
 *
 * <p>A Redis that lost its data (flushed, restarted without its files) would have shown every snack at 0 likes until
 * an operator replayed the projection. So the sets carry a mark, {@link #COMPLETE}, set when they are emptied for a
 * rebuild: sets without it are {@linkplain #lost() judged} before they are read, and lost ones are not read as counts
 * (503) but rebuilt.
 */
@Component
public class SnackReactionSets implements ViewFollower<SnackReactionView> {

    static final String KEY_PREFIX = "hs:snack:";

    /** Outside {@link #KEY_PREFIX}, so that emptying the sets for a rebuild leaves it be. */
    static final String COMPLETE = "hs:snack-reactions:complete";

    private static final int PROBED_REACTIONS = 20;

    private static final RedisScript<Long> SET_REACTION = RedisScript.of("""
            if ARGV[2] == 'LIKE' then redis.call('SADD', KEYS[1], ARGV[1]) else redis.call('SREM', KEYS[1], ARGV[1]) end
            if ARGV[2] == 'HATE' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final JdbcClient jdbc;

    public SnackReactionSets(StringRedisTemplate redis, JdbcClient jdbc) {
        this.redis = redis;
        this.jdbc = jdbc;
    }

    @Override
    public void follow(Step<SnackReactionView> step) {
        set(
                ((SnackReactionEvent) step.event().payload()).reactionId(),
                step.view().reaction());
    }

    @Override
    public boolean keptOutsidePostgres() {
        return true;
    }

    /** Makes {@code reaction} (null: none) the member's only reaction to the snack. */
    public void set(SnackReactionId reactionId, ReactionType reaction) {
        String snackId = reactionId.snackId().value();
        redis.execute(
                SET_REACTION,
                List.of(likesKey(snackId), hatesKey(snackId)),
                reactionId.accountId().value(),
                reaction == null ? "" : reaction.name());
    }

    /** Likes and hates of each snack, in one round trip. */
    public Map<String, ReactionTally> counts(List<String> snackIds) {
        if (snackIds.isEmpty()) {
            return Map.of();
        }
        List<Object> sizes = whileComplete(connection -> {
            for (String snackId : snackIds) {
                connection.setCommands().sCard(bytes(likesKey(snackId)));
                connection.setCommands().sCard(bytes(hatesKey(snackId)));
            }
        });
        Map<String, ReactionTally> counts = new HashMap<>();
        for (int i = 0; i < snackIds.size(); i++) {
            counts.put(snackIds.get(i), new ReactionTally((Long) sizes.get(2 * i), (Long) sizes.get(2 * i + 1)));
        }
        return counts;
    }

    /** The member's reaction to each of the snacks that has one. */
    public Map<String, ReactionType> reactionsOf(String accountId, List<String> snackIds) {
        if (snackIds.isEmpty()) {
            return Map.of();
        }
        List<Object> memberships = whileComplete(connection -> {
            for (String snackId : snackIds) {
                connection.setCommands().sIsMember(bytes(likesKey(snackId)), bytes(accountId));
                connection.setCommands().sIsMember(bytes(hatesKey(snackId)), bytes(accountId));
            }
        });
        Map<String, ReactionType> reactions = new HashMap<>();
        for (int i = 0; i < snackIds.size(); i++) {
            if (Boolean.TRUE.equals(memberships.get(2 * i))) {
                reactions.put(snackIds.get(i), ReactionType.LIKE);
            } else if (Boolean.TRUE.equals(memberships.get(2 * i + 1))) {
                reactions.put(snackIds.get(i), ReactionType.HATE);
            }
        }
        return reactions;
    }

    /**
     * Removes every snack reaction set, before a replay rebuilds them, and marks them complete: the replay's own mark
     * keeps them from being read until it has folded every event.
     */
    @Override
    public void reset() {
        List<String> keys = keys();
        for (int from = 0; from < keys.size(); from += 500) {
            redis.delete(keys.subList(from, Math.min(keys.size(), from + 500)));
        }
        redis.opsForValue().set(COMPLETE, "true");
    }

    /**
     * Whether Redis lost the sets: they lack their mark while the view holds reactions, and none of a sample of those
     * reactions is in its sets. Sets that have their members but no mark (kept by a release before the mark, or the
     * mark alone evicted) are marked, not rebuilt; so are sets with no reaction to hold.
     */
    @Override
    public boolean lost() {
        if (Boolean.TRUE.equals(redis.hasKey(COMPLETE))) {
            return false;
        }
        List<SnackReactionId> reactions = jdbc.sql(
                        "SELECT snack_id, account_id FROM snack_reaction_view WHERE reaction IS NOT NULL LIMIT :sample")
                .param("sample", PROBED_REACTIONS)
                .query((row, n) -> new SnackReactionId(
                        new SnackId(row.getString("snack_id")), new AccountId(row.getString("account_id"))))
                .list();
        List<Object> found = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (SnackReactionId reaction : reactions) {
                String snackId = reaction.snackId().value();
                connection
                        .setCommands()
                        .sIsMember(
                                bytes(likesKey(snackId)),
                                bytes(reaction.accountId().value()));
                connection
                        .setCommands()
                        .sIsMember(
                                bytes(hatesKey(snackId)),
                                bytes(reaction.accountId().value()));
            }
            return null;
        });
        if (!reactions.isEmpty() && !found.contains(Boolean.TRUE)) {
            return true;
        }
        redis.opsForValue().setIfAbsent(COMPLETE, "true");
        return false;
    }

    /**
     * The answers to {@code reads}, pipelined after a look at the mark. Sets found without it are judged at once (it
     * is gone after every flush, also of sets with nothing to lose): lost ones are not counts, and are rebuilt by
     * {@code AbandonedReplays}; the others are marked and read again.
     */
    private List<Object> whileComplete(Consumer<RedisConnection> reads) {
        for (int attempt = 0; attempt < 2; attempt++) {
            List<Object> answers = redis.executePipelined((RedisCallback<Object>) connection -> {
                connection.keyCommands().exists(bytes(COMPLETE));
                reads.accept(connection);
                return null;
            });
            if (Boolean.TRUE.equals(answers.get(0))) {
                return answers.subList(1, answers.size());
            }
            if (lost()) {
                break;
            }
        }
        throw new BusinessException(
                CommonError.PROJECTION_REPLAYING,
                "The snack reaction counts are being rebuilt after Redis lost them; try again shortly");
    }

    /** Every set with its members in order, for replay verification. */
    @Override
    public Map<String, String> snapshot() {
        Map<String, String> sets = new TreeMap<>();
        for (String key : keys()) {
            TreeSet<String> members = new TreeSet<>(redis.opsForSet().members(key));
            if (!members.isEmpty()) {
                sets.put(
                        "redis:" + key,
                        members.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(",", "[", "]")));
            }
        }
        return sets;
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(
                ScanOptions.scanOptions().match(KEY_PREFIX + "*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        return keys;
    }

    static String likesKey(String snackId) {
        return KEY_PREFIX + "{" + snackId + "}:likes";
    }

    static String hatesKey(String snackId) {
        return KEY_PREFIX + "{" + snackId + "}:hates";
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
