package io.hindsight.account;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.SocialIdentity;
import io.hindsight.common.BusinessException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Set-based account rules that one aggregate cannot see: unique nicknames, one account per social
 * identity, and never losing the last ADMIN. Every method runs in the command's transaction.
 */
@Repository
public class AccountLookups {

    private final JdbcClient jdbc;

    public AccountLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes {@code nickname} this account's only nickname, or clears it when null. */
    public void holdNickname(AccountId accountId, String nickname) {
        String key = nickname == null ? null : nickname.trim().toLowerCase(Locale.ROOT);
        if (key != null) {
            String owner = jdbc.sql("""
                            INSERT INTO account_nickname_lookup (nickname_lower, account_id) VALUES (:key, :id)
                            ON CONFLICT (nickname_lower) DO UPDATE SET account_id = account_nickname_lookup.account_id
                            RETURNING account_id""")
                    .param("key", key)
                    .param("id", accountId.value())
                    .query(String.class)
                    .single();
            if (!owner.equals(accountId.value())) {
                throw new BusinessException(AccountError.NICKNAME_TAKEN, "The nickname %s is already taken", nickname);
            }
        }
        jdbc.sql("DELETE FROM account_nickname_lookup WHERE account_id = :id AND nickname_lower IS DISTINCT FROM :key")
                .param("id", accountId.value())
                .param("key", key)
                .update();
    }

    public void claimSocialIdentity(AccountId accountId, SocialIdentity identity) {
        int inserted = jdbc.sql("""
                        INSERT INTO account_social_lookup (provider, subject, account_id) VALUES (:provider, :subject, :id)
                        ON CONFLICT DO NOTHING""")
                .param("provider", identity.provider())
                .param("subject", identity.subject())
                .param("id", accountId.value())
                .update();
        if (inserted == 0) {
            throw new BusinessException(
                    AccountError.EMAIL_TAKEN,
                    "This %s account is already linked to another account",
                    identity.provider());
        }
    }

    public Optional<AccountId> findBySocialIdentity(SocialIdentity identity) {
        return jdbc.sql(
                        "SELECT account_id FROM account_social_lookup WHERE provider = :provider AND subject = :subject")
                .param("provider", identity.provider())
                .param("subject", identity.subject())
                .query(String.class)
                .optional()
                .map(AccountId::of);
    }

    public void addAdmin(AccountId accountId) {
        jdbc.sql("INSERT INTO account_admin (account_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .param("id", accountId.value())
                .update();
    }

    /**
     * Removes the account from the ADMINs unless it is the last one. Locking every ADMIN row makes
     * concurrent removals queue up, so each sees the others' outcome.
     */
    public void removeAdmin(AccountId accountId) {
        List<String> admins = jdbc.sql("SELECT account_id FROM account_admin ORDER BY account_id FOR UPDATE")
                .query(String.class)
                .list();
        if (!admins.contains(accountId.value())) {
            return;
        }
        if (admins.size() == 1) {
            throw new BusinessException(
                    AccountError.LAST_ADMIN,
                    "Account %s is the last ADMIN; grant ADMIN to another account first",
                    accountId);
        }
        jdbc.sql("DELETE FROM account_admin WHERE account_id = :id")
                .param("id", accountId.value())
                .update();
    }
}
