package io.hindsight.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.ledger.api.FundsHeld;
import io.hindsight.ledger.api.FundsTransferred;
import io.hindsight.ledger.api.HoldVoided;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerCurrency;
import io.hindsight.ledger.api.SystemAccount;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerFoldTest {

    private final LedgerFold ledger = new LedgerFold();
    private final LedgerAccountId wallet = LedgerAccountId.wallet(AccountId.of("a1"));
    private final LedgerAccountId other = LedgerAccountId.wallet(AccountId.of("a2"));
    private final LedgerAccountId deposits = SystemAccount.DEPOSITS.accountId();
    private final LedgerAccountId payouts = SystemAccount.PAYOUTS.accountId();
    private int transfers;

    private FundsTransferred moved(LedgerAccountId from, LedgerAccountId to, long amount) {
        return new FundsTransferred(
                TransferId.forKey("test", "t" + transfers++),
                from,
                to,
                amount,
                LedgerCurrency.KRW,
                TransferKind.DEPOSIT,
                Map.of());
    }

    /** The check looked at the balance kept now only: money that came in later hid an overdraft from it. */
    @Test
    void anOverdraftLaterMadeGoodIsStillFound() {
        ledger.add(10, moved(deposits, wallet, 1_000));
        ledger.add(11, moved(wallet, payouts, 4_000));
        ledger.add(12, moved(deposits, wallet, 3_000));

        assertThat(ledger.balances().get(wallet.value()).available()).isZero();
        assertThat(ledger.firstOverdrawn(wallet.value())).contains("available balance went to -3000 at position 11");
    }

    @Test
    void aHoldCountsAgainstTheBalanceUntilItIsVoided() {
        TransferId hold = TransferId.forKey("test", "hold");
        ledger.add(1, moved(deposits, wallet, 1_000));
        ledger.add(2, new FundsHeld(hold, wallet, other, 1_000, LedgerCurrency.KRW, TransferKind.FUNDING, Map.of()));
        ledger.add(3, new HoldVoided(hold, wallet, other, 1_000, LedgerCurrency.KRW));
        ledger.add(4, moved(wallet, payouts, 1_000));
        assertThat(ledger.firstOverdrawn(wallet.value())).isEmpty();

        ledger.add(
                5,
                new FundsHeld(
                        TransferId.forKey("test", "hold-2"),
                        wallet,
                        other,
                        1,
                        LedgerCurrency.KRW,
                        TransferKind.FUNDING,
                        Map.of()));
        assertThat(ledger.firstOverdrawn(wallet.value())).contains("available balance went to -1 at position 5");
    }

    @Test
    void systemAccountsGoBelowZeroByDesign() {
        ledger.add(1, moved(deposits, wallet, 1_000));
        ledger.add(2, moved(wallet, payouts, 1_000));

        assertThat(ledger.balances().get(deposits.value()).available()).isEqualTo(-1_000);
        assertThat(ledger.firstOverdrawn(deposits.value())).isEmpty();
        assertThat(ledger.firstOverdrawn(wallet.value())).isEmpty();
        assertThat(ledger.lifecycleViolations()).isEmpty();
    }

    /** A kind no release wrote (a row edited by hand) is held to the rule, not a failure of the check. */
    @Test
    void aBalanceOfAKindNotKnownMayNotBeOverdrawn() {
        assertThat(new LedgerFold.Balances("TAMPERED", "KRW", 0, 5, 0, 0).mayNotBeOverdrawn())
                .isTrue();
        assertThat(new LedgerFold.Balances("SYSTEM", "KRW", 0, 5, 0, 0).mayNotBeOverdrawn())
                .isFalse();
    }
}
