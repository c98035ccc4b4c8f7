package io.hindsight.account.guard;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.SocialIdentity;
import io.hindsight.common.BusinessException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One account per social identity, through {@code account_social_lookup}'s primary key: the provider and a
 * keyed hash of the subject ({@link LookupHashes}).
 */
@Repository
public class SocialIdentities {

    private final JdbcClient jdbc;
    private final LookupHashes hashes;

    public SocialIdentities(JdbcClient jdbc, LookupHashes hashes) {
        this.jdbc = jdbc;
        this.hashes = hashes;
    }

    /**
     * Links the identity to the account, or refuses with SOCIAL_IDENTITY_TAKEN when another account has it.
     * Tells whether the link is new (false: the account had it already).
     */
    public boolean claimOrRefuse(AccountId accountId, SocialIdentity identity) {
        var claim = jdbc.sql("""
                        INSERT INTO account_social_lookup (provider, subject_hash, account_id) VALUES (:provider, :subject, :id)
                        ON CONFLICT (provider, subject_hash) DO UPDATE SET account_id = account_social_lookup.account_id
                        RETURNING account_id, xmax = 0 AS inserted""")
                .param("provider", identity.provider())
                .param("subject", hashes.of(identity.subject()))
                .param("id", accountId.value())
                .query((rs, n) -> new Claim(rs.getString("account_id"), rs.getBoolean("inserted")))
                .single();
        if (!claim.owner().equals(accountId.value())) {
            throw new BusinessException(
                    AccountError.SOCIAL_IDENTITY_TAKEN,
                    "This %s identity is already linked to another account",
                    identity.provider());
        }
        return claim.inserted();
    }

    private record Claim(String owner, boolean inserted) {}

    public Optional<AccountId> ownerOf(SocialIdentity identity) {
        return jdbc.sql(
                        "SELECT account_id FROM account_social_lookup WHERE provider = :provider AND subject_hash = :subject")
                .param("provider", identity.provider())
                .param("subject", hashes.of(identity.subject()))
                .query(String.class)
                .optional()
                .map(AccountId::of);
    }
}
