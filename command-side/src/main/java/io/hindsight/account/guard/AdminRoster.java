package io.hindsight.account.guard;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The accounts holding ADMIN ({@code account_admin}), so that the last one can never go. */
@Repository
public class AdminRoster {

    private final JdbcClient jdbc;

    public AdminRoster(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(AccountId accountId) {
        jdbc.sql("INSERT INTO account_admin (account_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .param("id", accountId.value())
                .update();
    }

    /**
     * Removes the account from the ADMINs, or refuses with LAST_ADMIN when it is the last one. Locking
     * every ADMIN row makes concurrent removals queue up, so each sees the others' outcome.
     */
    public void removeUnlessLast(AccountId accountId) {
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
