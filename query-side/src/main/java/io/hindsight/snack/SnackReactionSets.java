package io.hindsight.snack;

import io.hindsight.projection.ViewFollower;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.SnackReactionEvent;
import io.hindsight.snack.api.SnackReactionId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Who likes and who hates each snack, as two Redis sets of account ids per snack
 * ({@code hs:snack:{id}:likes}, {@code hs:snack:{id}:hates}; the braces keep a snack's two sets in one
 * cluster slot). Counts are the sets' sizes. Only the snack reaction projection writes them, always
 * setting a member's state as of the event, so redelivered events change nothing.
 */
@Component
public class SnackReactionSets implements ViewFollower<SnackReactionView> {

    static final String KEY_PREFIX = "hs:snack:";

    private static final RedisScript<Long> SET_REACTION = RedisScript.of("""
            if ARGV[2] == 'LIKE' then redis.call('SADD', KEYS[1], ARGV[1]) else redis.call('SREM', KEYS[1], ARGV[1]) end
            if ARGV[2] == 'HATE' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
            return 1""", Long.class);

    private final StringRedisTemplate redis;

    public SnackReactionSets(StringRedisTemplate redis) {
        this.redis = redis;
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
        List<Object> sizes = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (String snackId : snackIds) {
                connection.setCommands().sCard(bytes(likesKey(snackId)));
                connection.setCommands().sCard(bytes(hatesKey(snackId)));
            }
            return null;
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
        List<Object> memberships = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (String snackId : snackIds) {
                connection.setCommands().sIsMember(bytes(likesKey(snackId)), bytes(accountId));
                connection.setCommands().sIsMember(bytes(hatesKey(snackId)), bytes(accountId));
            }
            return null;
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

    /** Removes every snack reaction set, before a replay rebuilds them. */
    @Override
    public void reset() {
        List<String> keys = keys();
        for (int from = 0; from < keys.size(); from += 500) {
            redis.delete(keys.subList(from, Math.min(keys.size(), from + 500)));
        }
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
