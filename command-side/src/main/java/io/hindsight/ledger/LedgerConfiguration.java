package io.hindsight.ledger;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Role;
import io.hindsight.command.AccountLeaving;
import io.hindsight.command.Commands;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.guard.LedgerBalances;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    /**
     * An account whose wallet holds money, or has money held on its way out or in, cannot resign: money left there
     * would be nobody's (tester's finding: 7,000 KRW stayed in a resigned account's wallet). Store wallets are the
     * stores', not their merchants'. A role change needs no wallet.
     */
    @Bean
    AccountLeaving walletHolderLeaving(LedgerBalances balances) {
        return new AccountLeaving() {
            @Override
            public void leaving(AccountId accountId, Commands commands) {
                balances.emptyOrRefuse(LedgerAccountId.wallet(accountId));
            }

            @Override
            public boolean needs(Role role) {
                return false;
            }
        };
    }
}
