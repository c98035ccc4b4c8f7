package io.hindsight.audit.evidence;

import static io.hindsight.common.ClusterSeal.number;
import static io.hindsight.common.ClusterSeal.text;

import io.hindsight.audit.evidence.LastSignedCheckpoint.Signed;
import io.hindsight.common.ClusterSeal;
import io.hindsight.query.QueryRole;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The last checkpoint each query node signed, shared in Redis (a hash by key id): a node's own record beside its key
 * guards only what that node signed, so a history rolled back on another node's watch went unseen wherever verify ran.
 * Every node now refuses to sign an id any node signed and reports any node's checkpoint that is no longer stored as
 * signed. Someone who can write to the database cannot write here; each record is sealed so that one written here by
 * hand cannot raise false alarms. Redis holding nothing (lost, flushed, unreachable) leaves each node its own record.
 */
@QueryRole
@Component
public class LastSignedByEachNode {

    static final String KEY = "hs:evidence:last-signed";
    private static final Logger log = LoggerFactory.getLogger(LastSignedByEachNode.class);

    /**
     * A record only ever moves forward: a node started on an older copy of its data directory does not set it back. The
     * same checkpoint is written again, sealed under the cluster's JWT secret of now.
     */
    private static final RedisScript<Long> RAISE = RedisScript.of("""
            local kept = redis.call('HGET', KEYS[1], ARGV[1])
            if kept and tonumber(string.match(kept, '^%d+')) > tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            return 1""", Long.class);

    /** What a node signed, named by the id of the key it signed with. */
    public record Entry(String keyId, Signed signed) {}

    private final StringRedisTemplate redis;
    private final ClusterSeal seal;
    private final Set<String> unsealedLogged = ConcurrentHashMap.newKeySet();

    public LastSignedByEachNode(
            StringRedisTemplate redis,
            @Value("${hindsight.jwt.secret}") String clusterSecret,
            @Value("${hindsight.jwt.previous-secrets:}") List<String> previousSecrets) {
        this.redis = redis;
        this.seal = new ClusterSeal(clusterSecret, previousSecrets, "hindsight evidence last signed checkpoint v1");
    }

    void publish(String keyId, Signed signed) {
        String record = signed.checkpointId() + " " + signed.lastPosition() + " "
                + HexFormat.of().formatHex(signed.chainHead()) + " " + sealOf(keyId, signed);
        try {
            redis.execute(RAISE, List.of(KEY), keyId, Long.toString(signed.checkpointId()), record);
        } catch (RuntimeException unavailable) {
            log.warn(
                    "Could not share the last checkpoint this node signed ({}) in Redis: {}; other nodes check it"
                            + " once this node signs its next one",
                    signed.checkpointId(),
                    unavailable.toString());
        }
    }

    /** Every node's sealed record; empty when Redis cannot be read. */
    Optional<List<Entry>> read() {
        Map<Object, Object> records;
        try {
            records = redis.opsForHash().entries(KEY);
        } catch (RuntimeException unavailable) {
            log.warn(
                    "Could not read the checkpoints the other query nodes signed from Redis: {}; this node checks"
                            + " only its own",
                    unavailable.toString());
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>(records.size());
        records.forEach((keyId, record) -> {
            Entry entry = parse(keyId.toString(), record.toString());
            if (entry != null) {
                entries.add(entry);
            } else if (unsealedLogged.add(keyId + " " + record)) {
                log.warn(
                        "Passing over the record of key {} in Redis ({}): it does not carry this cluster's seal",
                        keyId,
                        KEY);
            }
        });
        return Optional.of(entries);
    }

    private Entry parse(String keyId, String record) {
        String[] fields = record.split(" ");
        if (fields.length != 4) {
            return null;
        }
        try {
            Signed signed = new Signed(
                    Long.parseLong(fields[0]),
                    Long.parseLong(fields[1]),
                    HexFormat.of().parseHex(fields[2]));
            return seal.matches(fields[3], sealedFields(keyId, signed)) ? new Entry(keyId, signed) : null;
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private String sealOf(String keyId, Signed signed) {
        return seal.of(sealedFields(keyId, signed));
    }

    private static byte[][] sealedFields(String keyId, Signed signed) {
        return new byte[][] {
            text(keyId), number(signed.checkpointId()), number(signed.lastPosition()), signed.chainHead()
        };
    }
}
