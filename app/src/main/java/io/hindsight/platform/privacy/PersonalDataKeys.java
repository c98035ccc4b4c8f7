package io.hindsight.platform.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-account AES-256 keys of personal data, in {@code personal_data_key}, cached in memory for a
 * minute (so an erasure on another node is honoured here within a minute when reading, and at once when sealing: see
 * {@link #forEncryption}). A key is made on the first
 * personal value an account's events store, in the transaction that stores the event, and cached only once
 * that commits: a rolled-back key goes with the events it encrypted, and a cached key always exists in the
 * table. Keys never leave this class except to the cipher.
 */
public class PersonalDataKeys {

    /** How long a node trusts what it has cached about a key, and so how late it may honour another node's erasure. */
    public static final Duration CACHED_FOR = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The subjects whose cached key the current transaction has confirmed, bound to the transaction. */
    private static final Object CONFIRMED_IN_TRANSACTION = new Object();

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Cache<String, Optional<SubjectKey>> bySubject = Caffeine.newBuilder()
            .expireAfterWrite(CACHED_FOR)
            .maximumSize(100_000)
            .build();
    private final Cache<String, Optional<SecretKey>> byKeyId = Caffeine.newBuilder()
            .expireAfterWrite(CACHED_FOR)
            .maximumSize(100_000)
            .build();
    /** Every erased subject, read whole: a replay of an upgraded store asks for each account it meets. */
    private final Cache<Boolean, Set<String>> erasedSubjects =
            Caffeine.newBuilder().expireAfterWrite(CACHED_FOR).build();

    public PersonalDataKeys(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
    }

    /** A subject's key id and key; empty when the subject's personal data was erased. */
    public record SubjectKey(String keyId, SecretKey key) {}

    /** What an erasure destroyed. */
    public record ErasedKey(String subject, String keyId, Instant createdAt, Instant erasedAt) {}

    /**
     * The key to encrypt the subject's personal data with, made if it has none; empty once erased, also by another node
     * within the minute this one keeps the key cached.
     */
    public Optional<SubjectKey> forEncryption(String subject) {
        Optional<SubjectKey> cached = bySubject.getIfPresent(subject);
        if (cached != null) {
            return cached.isEmpty() || stillStanding(subject) ? cached : erasedElsewhere(subject, cached.get());
        }
        Optional<KeyRow> stored = rowOf(subject, sharedLock());
        boolean made = false;
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            made = jdbc.sql("""
                                    INSERT INTO personal_data_key (subject, key_id, key_bytes)
                                    VALUES (:subject, :keyId, :key) ON CONFLICT (subject) DO NOTHING""")
                            .param("subject", subject)
                            .param("keyId", UUID.randomUUID().toString())
                            .param("key", fresh)
                            .update()
                    == 1;
            stored = rowOf(subject, sharedLock());
        }
        Optional<SubjectKey> key = stored.filter(row -> row.key() != null)
                .map(row -> new SubjectKey(row.keyId(), new SecretKeySpec(row.key(), "AES")));
        if (made && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    bySubject.put(subject, key);
                }
            });
        } else {
            bySubject.put(subject, key);
        }
        return key;
    }

    /** The key with this id; empty when it was erased (or never existed). */
    public Optional<SecretKey> forDecryption(String keyId) {
        return byKeyId.get(keyId, this::load);
    }

    /** Whether the subject's personal data was erased: what a value an older release stored in the clear is read as. */
    public boolean erased(String subject) {
        return erasedSubjects.get(Boolean.TRUE, all -> loadErased()).contains(subject);
    }

    /**
     * Destroys the subject's key (making one as a tombstone if it had none, so none is made later) and
     * tells which key it was. Erasing twice keeps the first erasure's time.
     */
    public ErasedKey erase(String subject) {
        ErasedKey erased = ownTransaction.execute(tx -> {
            jdbc.sql("""
                            INSERT INTO personal_data_key (subject, key_id, key_bytes, erased_at)
                            VALUES (:subject, :keyId, NULL, now())
                            ON CONFLICT (subject) DO UPDATE SET key_bytes = NULL,
                                erased_at = coalesce(personal_data_key.erased_at, now())""")
                    .param("subject", subject)
                    .param("keyId", UUID.randomUUID().toString())
                    .update();
            return jdbc.sql("""
                            SELECT subject, key_id, created_at, erased_at FROM personal_data_key
                            WHERE subject = :subject""")
                    .param("subject", subject)
                    .query((rs, row) -> new ErasedKey(
                            rs.getString("subject"),
                            rs.getString("key_id"),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("erased_at").toInstant()))
                    .single();
        });
        bySubject.invalidate(subject);
        byKeyId.invalidate(erased.keyId());
        erasedSubjects.invalidateAll();
        return erased;
    }

    /**
     * Whether the subject's key, cached here, has not been erased since - asked once per subject and transaction, with
     * a share lock on its row held until the transaction ends: an erasure on another node waits for the events this
     * transaction seals, and its scan finds them; one that committed first is seen. Without it a node sealed values
     * under a key another node had destroyed for up to a minute, and a query node that still had that key cached
     * folded them into its read models in the clear, where they stayed after every clean-up had ended.
     */
    private boolean stillStanding(String subject) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return rowOf(subject, "").map(row -> row.key() != null).orElse(false);
        }
        @SuppressWarnings("unchecked")
        Set<String> confirmed = (Set<String>) TransactionSynchronizationManager.getResource(CONFIRMED_IN_TRANSACTION);
        if (confirmed == null) {
            Set<String> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(CONFIRMED_IN_TRANSACTION, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CONFIRMED_IN_TRANSACTION);
                }
            });
            confirmed = fresh;
        }
        if (confirmed.contains(subject)) {
            return true;
        }
        boolean standing =
                rowOf(subject, sharedLock()).map(row -> row.key() != null).orElse(false);
        if (standing) {
            confirmed.add(subject);
        }
        return standing;
    }

    private Optional<SubjectKey> erasedElsewhere(String subject, SubjectKey forgotten) {
        bySubject.put(subject, Optional.empty());
        byKeyId.invalidate(forgotten.keyId());
        erasedSubjects.invalidateAll();
        return Optional.empty();
    }

    /** A share lock where a writing transaction reads the key it seals with; none where it could not be taken. */
    private static String sharedLock() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                        && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()
                ? " FOR SHARE"
                : "";
    }

    private Optional<KeyRow> rowOf(String subject, String lock) {
        return jdbc.sql("SELECT key_id, key_bytes FROM personal_data_key WHERE subject = :subject" + lock)
                .param("subject", subject)
                .query((rs, row) -> new KeyRow(rs.getString("key_id"), rs.getBytes("key_bytes")))
                .optional();
    }

    private Set<String> loadErased() {
        return Set.copyOf(jdbc.sql("SELECT subject FROM personal_data_key WHERE erased_at IS NOT NULL")
                .query(String.class)
                .list());
    }

    private Optional<SecretKey> load(String keyId) {
        return jdbc.sql("SELECT key_bytes FROM personal_data_key WHERE key_id = :keyId")
                .param("keyId", keyId)
                .query((rs, row) -> Optional.ofNullable(rs.getBytes("key_bytes")))
                .optional()
                .flatMap(key -> key)
                .map(key -> new SecretKeySpec(key, "AES"));
    }

    private record KeyRow(String keyId, byte[] key) {}
}
