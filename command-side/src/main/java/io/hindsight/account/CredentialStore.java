package io.hindsight.account;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Role;
import io.hindsight.account.guard.LookupHashes;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The command-owned credentials table: password hashes, roles for token issuing, and the instant
 * before which every token of an account is void. Its email column is claimed through
 * {@link io.hindsight.account.guard.EmailRegistry}.
 */
@Repository
public class CredentialStore {

    private final JdbcClient jdbc;
    private final LookupHashes hashes;

    public CredentialStore(JdbcClient jdbc, LookupHashes hashes) {
        this.jdbc = jdbc;
        this.hashes = hashes;
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** Stores the password hash (null: none) and roles of the row {@code EmailRegistry} opened. */
    public void store(AccountId accountId, String passwordHash, Set<Role> roles) {
        jdbc.sql("UPDATE account_credentials SET password_hash = :hash, roles = :roles WHERE account_id = :id")
                .param("id", accountId.value())
                .param("hash", passwordHash)
                .param("roles", encode(roles))
                .update();
    }

    public Optional<StoredCredentials> findByEmail(String email) {
        return jdbc.sql("SELECT * FROM account_credentials WHERE email_hash = :email")
                .param("email", hashes.of(normalizeEmail(email)))
                .query(this::map)
                .optional();
    }

    public Optional<StoredCredentials> findById(AccountId accountId) {
        return jdbc.sql("SELECT * FROM account_credentials WHERE account_id = :id")
                .param("id", accountId.value())
                .query(this::map)
                .optional();
    }

    /**
     * The account's credentials, share-locking its row until the transaction ends: a change of its roles, password
     * or status (each updates the row) waits for the tokens issued meanwhile, and their revocation cut-off then
     * falls after them.
     */
    public Optional<StoredCredentials> lockedById(AccountId accountId) {
        return jdbc.sql("SELECT * FROM account_credentials WHERE account_id = :id FOR SHARE")
                .param("id", accountId.value())
                .query(this::map)
                .optional();
    }

    /**
     * Whether the account is still a member, share-locking its row as {@link #lockedById} does: a resignation (which
     * updates the row first) waits for what is decided meanwhile on the answer, or comes first and is seen.
     */
    public boolean activeUnderShareLock(AccountId accountId) {
        return lockedById(accountId).filter(c -> !c.resigned()).isPresent();
    }

    /** Compare-and-set of the hash, so that of two concurrent changes only one wins. */
    public void replaceHash(AccountId accountId, String expectedHash, String newHash) {
        int updated = jdbc.sql("""
                        UPDATE account_credentials SET password_hash = :newHash
                        WHERE account_id = :id AND password_hash = :expected AND NOT resigned""")
                .param("id", accountId.value())
                .param("expected", expectedHash)
                .param("newHash", newHash)
                .update();
        if (updated == 0) {
            throw new BusinessException(
                    CommonError.CONCURRENT_MODIFICATION,
                    "The password of account %s changed meanwhile; try again",
                    accountId);
        }
    }

    public void updateRoles(AccountId accountId, Set<Role> roles) {
        jdbc.sql("UPDATE account_credentials SET roles = :roles WHERE account_id = :id")
                .param("id", accountId.value())
                .param("roles", encode(roles))
                .update();
    }

    public void markResigned(AccountId accountId) {
        jdbc.sql("""
                        UPDATE account_credentials
                        SET resigned = true, password_hash = NULL, erasable_tokens_after = tokens_valid_after
                        WHERE account_id = :id AND NOT resigned""").param("id", accountId.value()).update();
    }

    /**
     * Voids every token of the account issued up to now by the database's clock, and answers the cut-off: the next
     * millisecond. The row is locked first, so every token issued under its share lock was dated before the clock is
     * read here. The database's clock, not this node's: tokens are dated by it too ({@link #databaseNow()}), so a
     * node whose clock is behind cannot leave a token another node issued a moment ago standing, nor one whose clock
     * is ahead void tokens issued after the change.
     */
    public Instant voidTokensIssuedUntilNow(AccountId accountId) {
        jdbc.sql("SELECT 1 FROM account_credentials WHERE account_id = :id FOR UPDATE")
                .param("id", accountId.value())
                .query(Integer.class)
                .optional();
        return jdbc.sql("""
                        UPDATE account_credentials SET tokens_valid_after = GREATEST(tokens_valid_after,
                            date_trunc('milliseconds', clock_timestamp()) + interval '1 millisecond')
                        WHERE account_id = :id RETURNING tokens_valid_after""")
                .param("id", accountId.value())
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .single();
    }

    /** The database's clock to the millisecond: the one clock of every node, which dates tokens and their cut-offs. */
    public Instant databaseNow() {
        return jdbc.sql("SELECT date_trunc('milliseconds', clock_timestamp())")
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .single();
    }

    public Optional<Instant> tokensValidAfter(String accountId) {
        return jdbc.sql("SELECT tokens_valid_after FROM account_credentials WHERE account_id = :id")
                .param("id", accountId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** The cut-off before the account resigned; empty while it has not (or resigned before it was kept). */
    public Optional<Instant> erasableTokensAfter(String accountId) {
        return jdbc.sql("SELECT erasable_tokens_after FROM account_credentials WHERE account_id = :id")
                .param("id", accountId)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .optional()
                .flatMap(cutOff -> cutOff);
    }

    private StoredCredentials map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredCredentials(
                AccountId.of(rs.getString("account_id")),
                rs.getString("email_hash"),
                rs.getString("password_hash"),
                decode(rs.getString("roles")),
                rs.getBoolean("resigned"),
                rs.getTimestamp("tokens_valid_after").toInstant());
    }

    private static String encode(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<Role> decode(String roles) {
        return Arrays.stream(roles.split(","))
                .filter(r -> !r.isBlank())
                .map(Role::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public record StoredCredentials(
            AccountId accountId,
            String emailHash,
            String passwordHash,
            Set<Role> roles,
            boolean resigned,
            Instant tokensValidAfter) {

        public boolean hasPassword() {
            return passwordHash != null;
        }
    }
}
