package io.hindsight.account.guard;

import io.hindsight.account.CredentialStore;
import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One account per email, for ever: the unique {@code account_credentials.email_hash} column (a keyed hash of
 * the normalized email, {@link LookupHashes}) keeps even a resigned or erased account's email from signing
 * up again. Runs in the command's transaction.
 */
@Repository
public class EmailRegistry {

    private final JdbcClient jdbc;
    private final LookupHashes hashes;

    public EmailRegistry(JdbcClient jdbc, LookupHashes hashes) {
        this.jdbc = jdbc;
        this.hashes = hashes;
    }

    /**
     * Opens the account's credentials row with its email (null: none), or refuses: EMAIL_RESIGNED when the
     * email belonged to an account that resigned (it can never sign up again), EMAIL_TAKEN when another
     * account has it. A row this account already holds with this email is a racing
     * creation of the same account, which the event store's key decides.
     */
    public void claimOrRefuse(AccountId accountId, String email) {
        String key = hashes.of(CredentialStore.normalizeEmail(email));
        int inserted =
                jdbc.sql("""
                        INSERT INTO account_credentials (account_id, email_hash, roles) VALUES (:id, :email, '')
                        ON CONFLICT DO NOTHING""").param("id", accountId.value()).param("email", key).update();
        if (inserted == 0 && !heldBy(accountId, key)) {
            if (heldByAResignedAccount(key)) {
                throw new BusinessException(
                        AccountError.EMAIL_RESIGNED,
                        "The email %s belonged to an account that resigned; it cannot sign up again",
                        email);
            }
            throw new BusinessException(AccountError.EMAIL_TAKEN, "The email %s is already taken", email);
        }
    }

    /** Whether an account other than {@code own} holds the email: a racing first log-in may hold it as {@code own}. */
    public boolean isTakenByAnotherThan(AccountId own, String email) {
        return jdbc.sql("SELECT count(*) FROM account_credentials WHERE email_hash = :email AND account_id <> :own")
                        .param("email", hashes.of(CredentialStore.normalizeEmail(email)))
                        .param("own", own.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Whether the email belonged to an account that resigned: it can never open an account again. */
    public boolean isResigned(String email) {
        return heldByAResignedAccount(hashes.of(CredentialStore.normalizeEmail(email)));
    }

    private boolean heldByAResignedAccount(String key) {
        return jdbc.sql("SELECT count(*) FROM account_credentials WHERE email_hash = :email AND resigned")
                        .param("email", key)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private boolean heldBy(AccountId accountId, String key) {
        return jdbc.sql("""
                                SELECT count(*) FROM account_credentials
                                WHERE account_id = :id AND email_hash IS NOT DISTINCT FROM :email""")
                        .param("id", accountId.value())
                        .param("email", key)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
