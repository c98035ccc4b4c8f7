package io.hindsight.shop.web;

import io.hindsight.account.AccountQueries;
import io.hindsight.account.api.AccountId;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.ReceiptQueries;
import io.hindsight.shop.ShopReadModels;
import io.hindsight.shop.web.ShopResponses.ReceiptSummary;
import java.time.Instant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every order of one user, for ADMINs and AUDITORs: the seed's master view of a user's order history. */
@QueryRole
@RestController
@RequestMapping("/api/admin/users/{accountId}/receipts")
public class UserReceiptQueryController {

    private final AccountQueries accounts;
    private final ReceiptQueries receipts;

    public UserReceiptQueryController(AccountQueries accounts, ReceiptQueries receipts) {
        this.accounts = accounts;
        this.receipts = receipts;
    }

    /** The user's receipts newest first; with {@code asOf} those that existed then (404 before the sign-up). */
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @ReadsProjection(ShopReadModels.RECEIPTS)
    @GetMapping
    public Page<ReceiptSummary> receipts(
            @PathVariable String accountId,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Instant asOf) {
        Paging paging = Paging.of(offset, limit);
        String account = AccountId.ofSent(accountId).value();
        accounts.knownAt(account, asOf);
        return receipts.receiptsOf(account, asOf, paging).map(ReceiptSummary::of);
    }
}
