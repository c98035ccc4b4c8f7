package io.hindsight.ledger.web;

import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.ledger.LedgerEntry;
import io.hindsight.ledger.LedgerReadModels;
import io.hindsight.ledger.WalletQueries;
import io.hindsight.ledger.WalletQueries.Wallet;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@RequestMapping("/api/wallet")
@PreAuthorize("isAuthenticated()")
public class WalletQueryController {

    private final WalletQueries wallets;

    public WalletQueryController(WalletQueries wallets) {
        this.wallets = wallets;
    }

    /** The caller's wallet now, or as it was at {@code asOf}; transactions newest first, paged. */
    @ReadsProjection(LedgerReadModels.TRANSFERS)
    @GetMapping
    public WalletResponse wallet(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) Instant asOf,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return WalletResponse.of(wallets.walletOf(me.accountId(), asOf, Paging.of(offset, limit)));
    }

    public record WalletResponse(
            String walletId,
            long balance,
            long held,
            Instant asOf,
            List<LedgerEntry> transactions,
            long transactionCount,
            int offset,
            int limit) {

        /** A wallet - a user's or a store's - with one page of its transactions. */
        public static WalletResponse of(Wallet wallet) {
            return new WalletResponse(
                    wallet.walletId(),
                    wallet.balance(),
                    wallet.held(),
                    wallet.asOf(),
                    wallet.transactions().items(),
                    wallet.transactions().total(),
                    wallet.transactions().offset(),
                    wallet.transactions().limit());
        }
    }
}
