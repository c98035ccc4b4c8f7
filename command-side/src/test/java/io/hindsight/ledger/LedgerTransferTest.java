package io.hindsight.ledger;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.command.BusinessErrors;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.api.FundsHeld;
import io.hindsight.ledger.api.FundsTransferred;
import io.hindsight.ledger.api.Hold;
import io.hindsight.ledger.api.HoldPosted;
import io.hindsight.ledger.api.HoldVoided;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerCurrency;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.ledger.api.PostHold;
import io.hindsight.ledger.api.SystemAccount;
import io.hindsight.ledger.api.Transfer;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.VoidHold;
import io.hindsight.ledger.guard.LedgerBalances;
import io.hindsight.ledger.guard.PointsRecipients;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTransferTest {

    private final TransferId id = TransferId.forKey("test", "1");
    private final LedgerAccountId alice = LedgerAccountId.wallet(AccountId.of("alice"));
    private final LedgerAccountId bob = LedgerAccountId.wallet(AccountId.of("bob"));
    private final LedgerAccountId alicePoints = LedgerAccountId.points(AccountId.of("alice"));
    private final Map<String, String> about = Map.of("campaignId", "c-1");
    private AggregateTestFixture<LedgerTransfer> fixture;
    private LedgerBalances balances;
    private PointsRecipients recipients;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LedgerTransfer.class);
        balances = mock(LedgerBalances.class);
        fixture.registerInjectableResource(balances);
        recipients = mock(PointsRecipients.class);
        fixture.registerInjectableResource(recipients);
        when(balances.lockOrRefuse(any())).thenReturn(Map.of(alice, balance(alice, 10_000)));
        when(balances.balanceOf(any())).thenAnswer(call -> Optional.of(balance(call.getArgument(0), 0)));
    }

    private static LedgerBalance balance(LedgerAccountId account, long available) {
        return new LedgerBalance(account, account.currency(), available, 0);
    }

    private FundsHeld held() {
        return new FundsHeld(id, alice, bob, 3_000, LedgerCurrency.KRW, TransferKind.FUNDING, about);
    }

    @Test
    void canTransferAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new Transfer(id, alice, bob, 3_000, TransferKind.FUNDING, about))
                .expectEvents(
                        new FundsTransferred(id, alice, bob, 3_000, LedgerCurrency.KRW, TransferKind.FUNDING, about));
        verify(balances).transfer(alice, bob, 3_000);
    }

    @Test
    void canHoldAndThenPost() {
        fixture.givenNoPriorActivity()
                .when(new Hold(id, alice, bob, 3_000, TransferKind.FUNDING, about))
                .expectEvents(held());
        verify(balances).hold(alice, bob, 3_000);
        fixture.given(held())
                .when(new PostHold(id))
                .expectEvents(new HoldPosted(id, alice, bob, 3_000, LedgerCurrency.KRW));
        verify(balances).post(alice, bob, 3_000);
    }

    @Test
    void canHoldAndThenVoid() {
        fixture.given(held())
                .when(new VoidHold(id))
                .expectEvents(new HoldVoided(id, alice, bob, 3_000, LedgerCurrency.KRW));
        verify(balances).release(alice, bob, 3_000);
    }

    @Test
    void cannotOverdrawTheDebitedAccount() {
        doThrow(new BusinessException(LedgerError.INSUFFICIENT_FUNDS, "too little"))
                .when(balances)
                .refuseOverdraft(any(), any(), anyLong());
        fixture.givenNoPriorActivity()
                .when(new Hold(id, alice, bob, 30_000, TransferKind.FUNDING, about))
                .expectException(refusedWith(LedgerError.INSUFFICIENT_FUNDS))
                .expectNoEvents();
        verify(balances, never()).hold(any(), any(), anyLong());
    }

    @Test
    void grantsPointsOnlyToSomeoneStillThere() {
        LedgerAccountId issued = SystemAccount.POINTS_ISSUED.accountId();
        Map<String, String> reason = Map.of("reason", "Welcome");
        doThrow(new BusinessException(AccountError.ACCOUNT_NOT_FOUND, "resigned"))
                .when(recipients)
                .presentOrRefuse(alicePoints);
        fixture.givenNoPriorActivity()
                .when(new Transfer(id, issued, alicePoints, 500, TransferKind.POINTS_GRANTED, reason))
                .expectException(BusinessErrors.withCode(AccountError.ACCOUNT_NOT_FOUND))
                .expectNoEvents();
        verify(balances, never()).lockOrRefuse(any());
        verify(balances, never()).transfer(any(), any(), anyLong());
    }

    @Test
    void aTransferSentAgainChangesNothing() {
        fixture.given(new FundsTransferred(id, alice, bob, 3_000, LedgerCurrency.KRW, TransferKind.FUNDING, about))
                .when(new Transfer(id, alice, bob, 3_000, TransferKind.FUNDING, about))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(held(), new HoldPosted(id, alice, bob, 3_000, LedgerCurrency.KRW))
                .when(new Hold(id, alice, bob, 3_000, TransferKind.FUNDING, about))
                .expectNoEvents();
        verify(balances, never()).transfer(any(), any(), anyLong());
        verify(balances, never()).hold(any(), any(), anyLong());
    }

    @Test
    void cannotReuseATransferIdForAnotherTransfer() {
        fixture.given(held())
                .when(new Hold(id, alice, bob, 4_000, TransferKind.FUNDING, about))
                .expectException(refusedWith(LedgerError.TRANSFER_EXISTS));
        fixture.given(held())
                .when(new Transfer(id, alice, bob, 3_000, TransferKind.FUNDING, about))
                .expectException(refusedWith(LedgerError.TRANSFER_EXISTS));
    }

    @Test
    void aHoldIsSettledOnceNeverBothWays() {
        HoldPosted posted = new HoldPosted(id, alice, bob, 3_000, LedgerCurrency.KRW);
        HoldVoided voided = new HoldVoided(id, alice, bob, 3_000, LedgerCurrency.KRW);
        fixture.given(held(), posted).when(new PostHold(id)).expectNoEvents();
        fixture.given(held(), voided).when(new VoidHold(id)).expectNoEvents();
        fixture.given(held(), posted)
                .when(new VoidHold(id))
                .expectException(refusedWith(LedgerError.HOLD_ALREADY_POSTED));
        fixture.given(held(), voided)
                .when(new PostHold(id))
                .expectException(refusedWith(LedgerError.HOLD_ALREADY_VOIDED));
        verify(balances, never()).post(any(), any(), anyLong());
        verify(balances, never()).release(any(), any(), anyLong());
    }

    @Test
    void cannotSettleATransferThatWasNoHold() {
        fixture.given(new FundsTransferred(id, alice, bob, 3_000, LedgerCurrency.KRW, TransferKind.FUNDING, about))
                .when(new PostHold(id))
                .expectException(refusedWith(LedgerError.NOT_A_HOLD));
    }

    @Test
    void cannotTransferANonPositiveOrHugeAmount() {
        for (long amount : new long[] {0, -1, 1_000_000_000_001L}) {
            fixture.givenNoPriorActivity()
                    .when(new Transfer(id, alice, bob, amount, TransferKind.DEPOSIT, Map.of()))
                    .expectException(refusedWith(LedgerError.INVALID_AMOUNT));
        }
    }

    @Test
    void cannotTransferToItselfOrAcrossCurrencies() {
        fixture.givenNoPriorActivity()
                .when(new Transfer(id, alice, alice, 1, TransferKind.DEPOSIT, Map.of()))
                .expectException(refusedWith(LedgerError.INVALID_TRANSFER));
        fixture.givenNoPriorActivity()
                .when(new Transfer(
                        id, SystemAccount.POINTS_ISSUED.accountId(), alice, 1, TransferKind.DEPOSIT, Map.of()))
                .expectException(refusedWith(LedgerError.INVALID_TRANSFER));
        fixture.givenNoPriorActivity()
                .when(new Transfer(id, alice, alicePoints, 1, TransferKind.DEPOSIT, Map.of()))
                .expectException(refusedWith(LedgerError.INVALID_TRANSFER));
    }

    private static Matcher<BusinessException> refusedWith(LedgerError code) {
        return BusinessErrors.withCode(code);
    }
}
