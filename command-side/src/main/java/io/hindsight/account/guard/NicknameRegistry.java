package io.hindsight.account.guard;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One account per nickname (any letter case), through {@code account_nickname_lookup}'s primary key: a keyed
 * hash of the lower-cased nickname ({@link LookupHashes}).
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
        String key = nickname == null ? null : hashes.of(nickname.trim().toLowerCase(Locale.ROOT));
        if (key != null) {
            String owner = jdbc.sql("""
                            INSERT INTO account_nickname_lookup (nickname_hash, account_id) VALUES (:key, :id)
                            ON CONFLICT (nickname_hash) DO UPDATE SET account_id = account_nickname_lookup.account_id
                            RETURNING account_id""")
                    .param("key", key)
                    .param("id", accountId.value())
                    .query(String.class)
                    .single();
            if (!owner.equals(accountId.value())) {
                throw new BusinessException(AccountError.NICKNAME_TAKEN, "The nickname %s is already taken", nickname);
            }
        }
        jdbc.sql("DELETE FROM account_nickname_lookup WHERE account_id = :id AND nickname_hash IS DISTINCT FROM :key")
                .param("id", accountId.value())
                .param("key", key)
                .update();
    }

    public void release(AccountId accountId) {
        holdOrRefuse(accountId, null);
    }
}
