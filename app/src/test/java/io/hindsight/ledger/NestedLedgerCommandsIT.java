package io.hindsight.ledger;

import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static io.hindsight.ledger.LedgerSteps.withWallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.LedgerNestingProbe.HoldThenDecide;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferStatus;
import io.hindsight.projection.EventHistory;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A context moves money by sending ledger commands from inside its own command handling: the ledger's work
 * joins that command's transaction, so both commit or neither does.
 */
class NestedLedgerCommandsIT extends IntegrationTest {

    @Autowired
    private Commands commands;

    @Autowired
    private EventHistory history;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aHoldSentInsideACommandCommitsWithIt() {
        Member backer = withWallet(api.signUp("Nested Backer"), 10_000);
        Member payee = withWallet(api.signUp("Nested Payee"), 0);
        TransferId transferId = TransferId.newId();

        TransferOutcome held =
                commands.send(new HoldThenDecide(transferId, wallet(backer), wallet(payee), 4_000, false));

        assertThat(held.status()).isEqualTo(TransferStatus.PENDING);
        assertThat(history.eventsOf(transferId.value())).hasSize(1);
        assertThat(heldBy(backer)).isEqualTo(4_000);
        assertLedgerHolds(api.admin());
    }

    @Test
    void aHoldSentInsideACommandThatFailsIsRolledBackWithIt() {
        Member backer = withWallet(api.signUp("Rolled Back Backer"), 10_000);
        Member payee = withWallet(api.signUp("Rolled Back Payee"), 0);
        TransferId transferId = TransferId.newId();

        assertThatThrownBy(
                        () -> commands.send(new HoldThenDecide(transferId, wallet(backer), wallet(payee), 4_000, true)))
                .isInstanceOf(BusinessException.class);

        assertThat(history.eventsOf(transferId.value())).isEmpty();
        assertThat(heldBy(backer)).isZero();
        assertLedgerHolds(api.admin());
    }

    private long heldBy(Member member) {
        return jdbc.sql("SELECT debits_pending FROM ledger_account WHERE account_id = :id")
                .param("id", wallet(member).value())
                .query(Long.class)
                .single();
    }

    private static LedgerAccountId wallet(Member member) {
        return LedgerAccountId.wallet(AccountId.of(member.accountId()));
    }
}
