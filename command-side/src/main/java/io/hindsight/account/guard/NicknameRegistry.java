package io.hindsight.account.guard;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.common.LookAlikes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One account per nickname (any letter case, look-alikes folded: {@link LookAlikes}), through {@code
 * account_nickname_lookup}'s primary key: a keyed hash of that key ({@link LookupHashes}).
 */
@Repository
public class NicknameRegistry {

    private final JdbcClient jdbc;
    private final LookupHashes hashes;

    public NicknameRegistry(JdbcClient jdbc, LookupHashes hashes) {
        this.jdbc = jdbc;
        this.hashes = hashes;
    }

    /**
     * Makes {@code nickname} this account's only nickname (null: none), or refuses with NICKNAME_TAKEN
     * when another account holds it.
     */
    public void holdOrRefuse(AccountId accountId, String nickname) {
        if (nickname == null) {
            release(accountId);
            return;
        }
        String key = hashes.of(LookAlikes.key(nickname));
        // One round trip: the claim and the release of the old nickname. The release runs whatever the claim
        // returns; a refusal throws and so rolls it back with the command's transaction.
        String owner = jdbc.sql("""
                        WITH claimed AS (
                            INSERT INTO account_nickname_lookup (nickname_hash, account_id) VALUES (:key, :id)
                            ON CONFLICT (nickname_hash) DO UPDATE SET account_id = account_nickname_lookup.account_id
                            RETURNING account_id),
                        released AS (
                            DELETE FROM account_nickname_lookup WHERE account_id = :id AND nickname_hash <> :key)
                        SELECT account_id FROM claimed""")
                .param("key", key)
                .param("id", accountId.value())
                .query(String.class)
                .single();
        if (!owner.equals(accountId.value())) {
            throw new BusinessException(AccountError.NICKNAME_TAKEN, "The nickname %s is already taken", nickname);
        }
    }

    public void release(AccountId accountId) {
        jdbc.sql("DELETE FROM account_nickname_lookup WHERE account_id = :id")
                .param("id", accountId.value())
                .update();
    }
}
