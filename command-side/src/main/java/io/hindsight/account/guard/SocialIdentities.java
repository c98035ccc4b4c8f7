package io.hindsight.account.guard;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.SocialIdentity;
import io.hindsight.common.BusinessException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One account per social identity, through {@code account_social_lookup}'s primary key. */
@Repository
public class SocialIdentities {

    private final JdbcClient jdbc;

    public SocialIdentities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Links the identity to the account, or refuses with EMAIL_TAKEN when another account has it. */
    public void claimOrRefuse(AccountId accountId, SocialIdentity identity) {
        String owner = jdbc.sql("""
                        INSERT INTO account_social_lookup (provider, subject, account_id) VALUES (:provider, :subject, :id)
                        ON CONFLICT (provider, subject) DO UPDATE SET account_id = account_social_lookup.account_id
                        RETURNING account_id""")
                .param("provider", identity.provider())
                .param("subject", identity.subject())
                .param("id", accountId.value())
                .query(String.class)
                .single();
        if (!owner.equals(accountId.value())) {
            throw new BusinessException(
                    AccountError.EMAIL_TAKEN,
                    "This %s account is already linked to another account",
                    identity.provider());
        }
    }

    public Optional<AccountId> ownerOf(SocialIdentity identity) {
        return jdbc.sql(
                        "SELECT account_id FROM account_social_lookup WHERE provider = :provider AND subject = :subject")
                .param("provider", identity.provider())
                .param("subject", identity.subject())
                .query(String.class)
                .optional()
                .map(AccountId::of);
    }
}
