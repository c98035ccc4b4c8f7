package io.hindsight.account.token;

import io.hindsight.account.api.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/** The durable record of revoked refresh-token families ({@code account_revoked_token_family}). */
@Repository
public class RevokedFamilies {

    private static final Logger log = LoggerFactory.getLogger(RevokedFamilies.class);

    private final JdbcClient jdbc;

    public RevokedFamilies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Tells whether the family was not revoked before. */
    boolean add(AccountId accountId, String familyId, Instant keptUntil) {
        return jdbc.sql("""
                        INSERT INTO account_revoked_token_family (family_id, account_id, expires_at)
                        VALUES (:family, :account, :until) ON CONFLICT (family_id) DO NOTHING""")
                        .param("family", familyId)
                        .param("account", accountId.value())
                        .param("until", Timestamp.from(keptUntil))
                        .update()
                > 0;
    }

    /** A family an older release revoked in Redis alone: whose it was is not known, and no read needs it. */
    boolean addRevokedBeforeUpgrade(String familyId, Instant keptUntil) {
        return jdbc.sql("""
                        INSERT INTO account_revoked_token_family (family_id, account_id, expires_at)
                        VALUES (:family, '', :until) ON CONFLICT (family_id) DO NOTHING""")
                        .param("family", familyId)
                        .param("until", Timestamp.from(keptUntil))
                        .update()
                > 0;
    }

    boolean contains(String familyId) {
        return jdbc.sql("SELECT count(*) FROM account_revoked_token_family WHERE family_id = :family")
                        .param("family", familyId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Families none of whose tokens can be presented any more need no record. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetExpired() {
        try {
            jdbc.sql("DELETE FROM account_revoked_token_family WHERE expires_at < now()")
                    .update();
        } catch (DataAccessException unavailable) {
            log.warn("Could not forget expired token families: {}", unavailable.toString());
        }
    }
}
