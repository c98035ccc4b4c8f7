package io.hindsight.shop.web;

import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.ReceiptQueries;
import io.hindsight.shop.ReceiptView;
import io.hindsight.shop.ShopReadModels;
import io.hindsight.shop.api.ReceiptId;
import io.hindsight.shop.web.ShopResponses.ReceiptSummary;
import java.time.Instant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@RequestMapping("/api/receipts")
@PreAuthorize("isAuthenticated()")
public class ReceiptQueryController {

    private final ReceiptQueries receipts;

    public ReceiptQueryController(ReceiptQueries receipts) {
        this.receipts = receipts;
    }

    /** My receipts, newest first. */
    @ReadsProjection(ShopReadModels.RECEIPTS)
    @GetMapping
    public Page<ReceiptSummary> mine(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return receipts.receiptsOf(me.accountId(), Paging.of(offset, limit)).map(ReceiptSummary::of);
    }

    @GetMapping("/{receiptId}")
    public ReceiptView receipt(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String receiptId,
            @RequestParam(required = false) Instant asOf) {
        return receipts.receipt(ReceiptId.parse(receiptId), me, asOf);
    }
}
