package io.hindsight.shop;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.projection.ViewStore;
import io.hindsight.projection.Views;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.shop.api.ReceiptId;
import io.hindsight.shop.api.ShopError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads of receipts: one receipt for its owner (or an ADMIN/AUDITOR), and a member's receipts newest first. */
@Service
public class ReceiptQueries {

    private final ViewStore store;
    private final Views views;
    private final EventHistory history;
    private final ViewDefinition<ReceiptView> receipts;
    private final JdbcClient jdbc;

    public ReceiptQueries(
            ViewStore store, Views views, EventHistory history, ViewDefinition<ReceiptView> receipts, JdbcClient jdbc) {
        this.store = store;
        this.views = views;
        this.history = history;
        this.receipts = receipts;
        this.jdbc = jdbc;
    }

    /** Someone else's receipt is reported exactly like a missing one. */
    public ReceiptView receipt(ReceiptId receiptId, AuthenticatedAccount caller, Instant asOf) {
        Optional<ReceiptView> view = asOf == null
                ? views.current(receipts, receiptId.value())
                : history.asOf(receipts, receiptId.value(), asOf);
        return view.filter(
                        receipt -> receipt.accountId().equals(caller.accountId().value()) || caller.canAudit())
                .orElseThrow(() -> new BusinessException(ShopError.RECEIPT_NOT_FOUND, "No receipt %s", receiptId));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<ReceiptView> receiptsOf(AccountId accountId, Paging paging) {
        long total = jdbc.sql("SELECT count(*) FROM shop_receipt_view WHERE account_id = :account")
                .param("account", accountId.value())
                .query(Long.class)
                .single();
        List<ReceiptView> items = store.findAll(
                receipts,
                "WHERE account_id = :account ORDER BY ordered_at DESC, aggregate_id DESC LIMIT :limit OFFSET :offset",
                Map.of("account", accountId.value(), "limit", paging.limit(), "offset", paging.offset()));
        return Page.of(items, total, paging);
    }
}
