package io.hindsight.audit.evidence;

import io.hindsight.query.QueryRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The evidence tables (chain, chain head, checkpoints, keys) and the stored events they stand for. */
@QueryRole
@Component
public class EvidenceStore {

    /** The one advisory lock the chainer and the checkpointer hold, whichever node they run on. */
    private static final long CHAIN_LOCK = 0x4853_4556_4348_4149L;

    private static final String CHECKPOINT_COLUMNS = "checkpoint_id, first_index, tree_size, first_position,"
            + " last_position, previous_chain_head, chain_head, merkle_root, created_at, key_id, statement, signature";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final KeyEndorsements endorsements;

    public EvidenceStore(JdbcClient jdbc, JdbcTemplate batch, KeyEndorsements endorsements) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.endorsements = endorsements;
    }

    /** Every position up to {@code chainedThrough} is chained or never committed; the last link. */
    public record ChainHead(long chainedThrough, long headIndex, byte[] headHash) {}

    public record ChainEntry(long position, long chainIndex, byte[] leafHash, byte[] chainHash) {}

    public record PublicKeyEntry(String keyId, String algorithm, byte[] publicKeyDer, Instant firstUsed) {}

    /** Within a transaction: takes the chain lock if no other node holds it. */
    boolean tryLockChain() {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                .param("key", CHAIN_LOCK)
                .query(Boolean.class)
                .single());
    }

    /** Within a transaction: waits for the chain lock (at most the lock timeout). */
    void lockChain() {
        jdbc.sql("SET LOCAL lock_timeout = '30s'").update();
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                .param("key", CHAIN_LOCK)
                .query(Integer.class)
                .single();
    }

    public ChainHead head() {
        return jdbc.sql("SELECT chained_through, head_index, head_hash FROM evidence_chain_head")
                .query((row, n) -> new ChainHead(row.getLong(1), row.getLong(2), row.getBytes(3)))
                .single();
    }

    /** Up to {@code limit} stored events with {@code after < position <= upTo}, in position order. */
    List<StoredEvent> storedEventsAfter(long after, long upTo, int limit) {
        return jdbc.sql("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry"
                        + " WHERE global_index > :after AND global_index <= :upTo ORDER BY global_index LIMIT :limit")
                .param("after", after)
                .param("upTo", upTo)
                .param("limit", limit)
                .query((row, n) -> StoredEvent.read(row))
                .list();
    }

    List<StoredEvent> storedEventsBetween(long from, long to) {
        return storedEventsAfter(from - 1, to, Integer.MAX_VALUE);
    }

    Optional<StoredEvent> storedEvent(long position) {
        return storedEventsAfter(position - 1, position, 1).stream().findFirst();
    }

    void append(List<ChainEntry> entries, long chainedThrough) {
        batch.batchUpdate(
                "INSERT INTO evidence_chain (position, chain_index, leaf_hash, chain_hash) VALUES (?, ?, ?, ?)",
                entries,
                entries.size(),
                (statement, entry) -> {
                    statement.setLong(1, entry.position());
                    statement.setLong(2, entry.chainIndex());
                    statement.setBytes(3, entry.leafHash());
                    statement.setBytes(4, entry.chainHash());
                });
        var update = jdbc.sql("UPDATE evidence_chain_head SET chained_through = :through"
                        + (entries.isEmpty() ? "" : ", head_index = :index, head_hash = :hash"))
                .param("through", chainedThrough);
        if (!entries.isEmpty()) {
            ChainEntry last = entries.get(entries.size() - 1);
            update = update.param("index", last.chainIndex()).param("hash", last.chainHash());
        }
        update.update();
    }

    Optional<ChainEntry> chainEntry(long position) {
        return jdbc.sql("SELECT position, chain_index, leaf_hash, chain_hash FROM evidence_chain WHERE position = :p")
                .param("p", position)
                .query(EvidenceStore::chainEntry)
                .optional();
    }

    /** The first chain entry at a position after {@code position}. */
    Optional<ChainEntry> firstChainEntryAfter(long position) {
        return jdbc.sql("SELECT position, chain_index, leaf_hash, chain_hash FROM evidence_chain"
                        + " WHERE position > :p ORDER BY position LIMIT 1")
                .param("p", position)
                .query(EvidenceStore::chainEntry)
                .optional();
    }

    /** Positions below 1, where no event is ever appended (the sequence starts at 1) and the chain never looks. */
    List<Long> storedPositionsBelowOne(int limit) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE global_index < 1"
                        + " ORDER BY global_index LIMIT :limit")
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    Optional<ChainEntry> lastChainEntryBefore(long position) {
        return jdbc.sql("SELECT position, chain_index, leaf_hash, chain_hash FROM evidence_chain"
                        + " WHERE position < :p ORDER BY position DESC LIMIT 1")
                .param("p", position)
                .query(EvidenceStore::chainEntry)
                .optional();
    }

    /** Chain entries at positions {@code from .. to}, in order. */
    List<ChainEntry> chainEntriesBetween(long from, long to) {
        return chainEntriesWhere("position", from, to);
    }

    /** Chain entries {@code firstIndex .. lastIndex}, in chain order. */
    List<ChainEntry> chainEntriesByIndex(long firstIndex, long lastIndex) {
        return chainEntriesWhere("chain_index", firstIndex, lastIndex);
    }

    private List<ChainEntry> chainEntriesWhere(String column, long from, long to) {
        return jdbc.sql("SELECT position, chain_index, leaf_hash, chain_hash FROM evidence_chain WHERE " + column
                        + " BETWEEN :from AND :to ORDER BY " + column)
                .param("from", from)
                .param("to", to)
                .query(EvidenceStore::chainEntry)
                .list();
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return jdbc.sql("SELECT " + CHECKPOINT_COLUMNS
                        + " FROM evidence_checkpoints ORDER BY checkpoint_id DESC LIMIT 1")
                .query(EvidenceStore::checkpoint)
                .optional();
    }

    public Optional<Checkpoint> checkpoint(long checkpointId) {
        return jdbc.sql("SELECT " + CHECKPOINT_COLUMNS + " FROM evidence_checkpoints WHERE checkpoint_id = :id")
                .param("id", checkpointId)
                .query(EvidenceStore::checkpoint)
                .optional();
    }

    /** Checkpoints cover consecutive ranges, so the one covering an entry is the last to start at or before it. */
    Optional<Checkpoint> checkpointCovering(long chainIndex) {
        return jdbc.sql("SELECT * FROM (SELECT " + CHECKPOINT_COLUMNS + " FROM evidence_checkpoints"
                        + " WHERE first_index <= :i ORDER BY first_index DESC LIMIT 1) c"
                        + " WHERE first_index + tree_size > :i")
                .param("i", chainIndex)
                .query(EvidenceStore::checkpoint)
                .optional();
    }

    List<Checkpoint> checkpointsOverlapping(long firstIndex, long lastIndex) {
        return jdbc.sql("SELECT " + CHECKPOINT_COLUMNS + " FROM evidence_checkpoints WHERE first_index <= :last"
                        + " AND first_index >= coalesce((SELECT max(first_index) FROM evidence_checkpoints"
                        + " WHERE first_index <= :first), 0) AND first_index + tree_size > :first ORDER BY first_index")
                .param("first", firstIndex)
                .param("last", lastIndex)
                .query(EvidenceStore::checkpoint)
                .list();
    }

    /** Checkpoints whose positions overlap {@code from .. to}, whatever chain entries are left there. */
    List<Checkpoint> checkpointsOverPositions(long from, long to) {
        return jdbc.sql("SELECT " + CHECKPOINT_COLUMNS + " FROM evidence_checkpoints"
                        + " WHERE first_position <= :to AND last_position >= :from ORDER BY first_index")
                .param("from", from)
                .param("to", to)
                .query(EvidenceStore::checkpoint)
                .list();
    }

    /** Newest first. */
    public List<Checkpoint> checkpoints(int offset, int limit) {
        return jdbc.sql("SELECT " + CHECKPOINT_COLUMNS
                        + " FROM evidence_checkpoints ORDER BY checkpoint_id DESC OFFSET :offset LIMIT :limit")
                .param("offset", offset)
                .param("limit", limit)
                .query(EvidenceStore::checkpoint)
                .list();
    }

    public long checkpointCount() {
        return jdbc.sql("SELECT count(*) FROM evidence_checkpoints")
                .query(Long.class)
                .single();
    }

    void insert(Checkpoint checkpoint) {
        jdbc.sql("INSERT INTO evidence_checkpoints (" + CHECKPOINT_COLUMNS + ") VALUES (:id, :firstIndex,"
                        + " :treeSize, :firstPosition, :lastPosition, :previousChainHead, :chainHead, :merkleRoot,"
                        + " :createdAt, :keyId, :statement, :signature)")
                .param("id", checkpoint.checkpointId())
                .param("firstIndex", checkpoint.firstIndex())
                .param("treeSize", checkpoint.treeSize())
                .param("firstPosition", checkpoint.firstPosition())
                .param("lastPosition", checkpoint.lastPosition())
                .param("previousChainHead", checkpoint.previousChainHead())
                .param("chainHead", checkpoint.chainHead())
                .param("merkleRoot", checkpoint.merkleRoot())
                .param("createdAt", Timestamp.from(checkpoint.createdAt()))
                .param("keyId", checkpoint.keyId())
                .param("statement", checkpoint.statement())
                .param("signature", checkpoint.signature())
                .update();
    }

    /**
     * Publishes a signing key (at /.well-known/hindsight/keys) before the first statement it signs, endorsed by the
     * cluster; a row of the same id and public key without an endorsement (the node's own, kept before endorsements
     * and missed by the upgrade) gains it, since the node holds that key.
     */
    public void registerKey(String keyId, byte[] publicKeyDer, Instant firstUsed) {
        jdbc.sql("""
                        INSERT INTO evidence_keys (key_id, algorithm, public_key, first_used, endorsement)
                        VALUES (:id, :algorithm, :key, :firstUsed, :endorsement)
                        ON CONFLICT (key_id) DO UPDATE SET endorsement = excluded.endorsement
                          WHERE evidence_keys.public_key = excluded.public_key
                          AND evidence_keys.algorithm = excluded.algorithm
                          AND evidence_keys.endorsement IS DISTINCT FROM excluded.endorsement""")
                .param("id", keyId)
                .param("algorithm", SigningKey.ALGORITHM)
                .param("key", publicKeyDer)
                .param("firstUsed", Timestamp.from(firstUsed))
                .param("endorsement", endorsements.of(keyId, SigningKey.ALGORITHM, publicKeyDer))
                .update();
    }

    /**
     * Endorses again, under the cluster's JWT secret of now, this node's own key (the row holding its public key: it
     * holds the private one) and every key endorsed under a previous secret; the number of rows endorsed again.
     */
    public int endorseAgain(String ownKeyId, byte[] ownPublicKeyDer) {
        int endorsed = jdbc.sql("""
                        UPDATE evidence_keys SET endorsement = :endorsement
                        WHERE key_id = :id AND algorithm = :algorithm AND public_key = :key
                          AND endorsement IS DISTINCT FROM :endorsement""")
                .param("id", ownKeyId)
                .param("algorithm", SigningKey.ALGORITHM)
                .param("key", ownPublicKeyDer)
                .param("endorsement", endorsements.of(ownKeyId, SigningKey.ALGORITHM, ownPublicKeyDer))
                .update();
        List<PublicKeyEntry> endorsedBefore = endorsedKeys(row -> !endorsements.isCurrent(
                row.getString("endorsement"),
                row.getString("key_id"),
                row.getString("algorithm"),
                row.getBytes("public_key")));
        for (PublicKeyEntry key : endorsedBefore) {
            endorsed += jdbc.sql("UPDATE evidence_keys SET endorsement = :endorsement WHERE key_id = :id")
                    .param("id", key.keyId())
                    .param("endorsement", endorsements.of(key.keyId(), key.algorithm(), key.publicKeyDer()))
                    .update();
        }
        return endorsed;
    }

    /** The keys the cluster endorsed; a row added by hand is left out. */
    public List<PublicKeyEntry> publicKeys() {
        return endorsedKeys(row -> true);
    }

    private interface RowTest {
        boolean test(ResultSet row) throws SQLException;
    }

    private List<PublicKeyEntry> endorsedKeys(RowTest also) {
        return jdbc
                .sql("""
                        SELECT key_id, algorithm, public_key, first_used, endorsement FROM evidence_keys
                        ORDER BY first_used, key_id""")
                .query((row, n) -> endorsed(row) && also.test(row)
                        ? new PublicKeyEntry(
                                row.getString(1),
                                row.getString(2),
                                row.getBytes(3),
                                row.getTimestamp(4).toInstant())
                        : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    /** The public key of an endorsed key; none for an unknown id or a row added by hand. */
    Optional<byte[]> publicKey(String keyId) {
        return jdbc.sql("SELECT key_id, algorithm, public_key, endorsement FROM evidence_keys WHERE key_id = :id")
                .param("id", keyId)
                .query((row, n) -> endorsed(row) ? row.getBytes("public_key") : null)
                .optional();
    }

    private boolean endorsed(ResultSet row) throws SQLException {
        return endorsements.endorses(
                row.getString("endorsement"),
                row.getString("key_id"),
                row.getString("algorithm"),
                row.getBytes("public_key"));
    }

    private static ChainEntry chainEntry(ResultSet row, int n) throws SQLException {
        return new ChainEntry(row.getLong(1), row.getLong(2), row.getBytes(3), row.getBytes(4));
    }

    private static Checkpoint checkpoint(ResultSet row, int n) throws SQLException {
        return new Checkpoint(
                row.getLong("checkpoint_id"),
                row.getLong("first_index"),
                row.getInt("tree_size"),
                row.getLong("first_position"),
                row.getLong("last_position"),
                row.getBytes("previous_chain_head"),
                row.getBytes("chain_head"),
                row.getBytes("merkle_root"),
                row.getTimestamp("created_at").toInstant(),
                row.getString("key_id"),
                row.getBytes("statement"),
                row.getBytes("signature"));
    }
}
