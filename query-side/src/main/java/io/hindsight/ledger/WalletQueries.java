package io.hindsight.ledger;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.projection.ReadModel;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** A member's wallet now or as of an instant: balance, held amount and transactions, newest first. */
@Service
public class WalletQueries {

    private final ReadModel<LedgerAccountView> accounts;
    private final LedgerEntries entries;

    public WalletQueries(ReadModel<LedgerAccountView> accounts, LedgerEntries entries) {
        this.accounts = accounts;
        this.entries = entries;
    }

    public Wallet walletOf(AccountId owner, Instant asOf, Paging paging) {
        LedgerAccountId walletId = LedgerAccountId.wallet(owner);
        accounts.find(walletId.value(), asOf)
                .orElseThrow(() -> new BusinessException(
                        LedgerError.WALLET_NOT_FOUND,
                        asOf == null ? "You have no wallet; open one first" : "You had no wallet at %s",
                        asOf));
        return Wallet.of(walletId.value(), asOf, entries.balanceAndStatement(walletId.value(), asOf, paging));
    }

    /** A wallet with one page of its transactions. */
    public record Wallet(String walletId, long balance, long held, Instant asOf, Page<LedgerEntry> transactions) {

        public static Wallet of(String walletId, Instant asOf, LedgerEntries.Statement statement) {
            return new Wallet(
                    walletId, statement.balance().balance(), statement.balance().held(), asOf, statement.entries());
        }
    }
}
