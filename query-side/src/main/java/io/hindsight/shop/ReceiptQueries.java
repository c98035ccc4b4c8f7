package io.hindsight.shop;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.SqlInstants;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.shop.api.ReceiptId;
import io.hindsight.shop.api.ShopError;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads of receipts: one receipt for its owner (or an ADMIN/AUDITOR), and a member's receipts newest first. */
@Service
public class ReceiptQueries {

    private final ReadModel<ReceiptView> receipts;

    public ReceiptQueries(ReadModel<ReceiptView> receipts) {
        this.receipts = receipts;
    }

    /** Someone else's receipt is reported exactly like a missing one. */
    public ReceiptView receipt(ReceiptId receiptId, AuthenticatedAccount caller, Instant asOf) {
        return receipts.find(receiptId.value(), asOf)
                .filter(receipt -> receipt.accountId().equals(caller.accountId().value()) || caller.canAudit())
                .orElseThrow(() -> new BusinessException(ShopError.RECEIPT_NOT_FOUND, "No receipt %s", receiptId));
    }

    public Page<ReceiptView> receiptsOf(AccountId accountId, Paging paging) {
        return receiptsOf(accountId.value(), null, paging);
    }

    /**
     * An account's receipts newest first; with {@code asOf} the receipts that existed then (a receipt never
     * changes once issued, so those issued up to that instant).
     */
    public Page<ReceiptView> receiptsOf(String accountId, Instant asOf, Paging paging) {
        Where where = Where.is("account_id", accountId);
        if (asOf != null) {
            where = where.and(Where.sql("ordered_at <= :as_of", Map.of("as_of", SqlInstants.bounded(asOf))));
        }
        return receipts.page(where, "ordered_at DESC, aggregate_id DESC", paging);
    }
}
