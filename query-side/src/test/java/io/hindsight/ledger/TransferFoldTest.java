package io.hindsight.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.ledger.api.FundsHeld;
import io.hindsight.ledger.api.FundsTransferred;
import io.hindsight.ledger.api.HoldPosted;
import io.hindsight.ledger.api.HoldVoided;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerAccountKind;
import io.hindsight.ledger.api.LedgerAccountOpened;
import io.hindsight.ledger.api.LedgerCurrency;
import io.hindsight.ledger.api.SystemAccount;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.TransferStatus;
import io.hindsight.projection.RecordedEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferFoldTest {

    private final TransferFold fold = new TransferFold();
    private final TransferId id = TransferId.forKey("funding", "c1-a1");
    private final LedgerAccountId backer = LedgerAccountId.wallet(AccountId.of("a1"));
    private final LedgerAccountId publisher = LedgerAccountId.wallet(AccountId.of("p1"));
    private final Instant t0 = Instant.parse("2030-04-01T10:00:00Z");
    private long sequence;

    private RecordedEvent event(Object payload, Instant at) {
        return new RecordedEvent(id.value(), "LedgerTransfer", sequence++, at, "a1", "corr", payload);
    }

    private FundsHeld held() {
        return new FundsHeld(
                id, backer, publisher, 5_000, LedgerCurrency.KRW, TransferKind.FUNDING, Map.of("campaignId", "c1"));
    }

    @Test
    void aTransferIsPostedWhenItIsMade() {
        TransferView view = fold.apply(
                null,
                event(
                        new FundsTransferred(
                                id,
                                SystemAccount.DEPOSITS.accountId(),
                                backer,
                                7_000,
                                LedgerCurrency.KRW,
                                TransferKind.DEPOSIT,
                                Map.of()),
                        t0));
        assertThat(view.status()).isEqualTo(TransferStatus.POSTED);
        assertThat(view.hold()).isFalse();
        assertThat(view.postedAt()).isEqualTo(t0);
        assertThat(view.from()).isEqualTo("system-deposits");
    }

    @Test
    void aHoldIsPendingUntilPosted() {
        TransferView pending = fold.apply(null, event(held(), t0));
        assertThat(pending.status()).isEqualTo(TransferStatus.PENDING);
        assertThat(pending.hold()).isTrue();
        assertThat(pending.references()).containsEntry("campaignId", "c1");

        Instant later = t0.plusSeconds(60);
        TransferView posted =
                fold.apply(pending, event(new HoldPosted(id, backer, publisher, 5_000, LedgerCurrency.KRW), later));
        assertThat(posted.status()).isEqualTo(TransferStatus.POSTED);
        assertThat(posted.postedAt()).isEqualTo(later);
        assertThat(posted.voidedAt()).isNull();
        assertThat(posted.createdAt()).isEqualTo(t0);
    }

    @Test
    void aVoidedHoldRemembersWhen() {
        TransferView pending = fold.apply(null, event(held(), t0));
        TransferView voided = fold.apply(
                pending, event(new HoldVoided(id, backer, publisher, 5_000, LedgerCurrency.KRW), t0.plusSeconds(5)));
        assertThat(voided.status()).isEqualTo(TransferStatus.VOIDED);
        assertThat(voided.voidedAt()).isEqualTo(t0.plusSeconds(5));
        assertThat(voided.postedAt()).isNull();
    }

    @Test
    void anAccountIsKnownFromItsOpening() {
        LedgerAccountView view = new LedgerAccountFold()
                .apply(
                        null,
                        new RecordedEvent(
                                backer.value(),
                                "LedgerAccount",
                                0,
                                t0,
                                "a1",
                                "corr",
                                new LedgerAccountOpened(
                                        backer, LedgerAccountKind.USER_WALLET, LedgerCurrency.KRW, "a1")));
        assertThat(view.accountId()).isEqualTo("wallet-a1");
        assertThat(view.ownerId()).isEqualTo("a1");
        assertThat(view.openedAt()).isEqualTo(t0);
    }
}
