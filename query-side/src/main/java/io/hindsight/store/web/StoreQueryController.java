package io.hindsight.store.web;

import io.hindsight.audit.ResumePositions;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.ledger.LedgerReadModels;
import io.hindsight.ledger.web.WalletQueryController;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.store.StoreMessages;
import io.hindsight.store.StoreOrderQueries;
import io.hindsight.store.StoreOrderView;
import io.hindsight.store.StoreQueries;
import io.hindsight.store.StoreReadModels;
import io.hindsight.store.StoreStreams;
import io.hindsight.store.StoreView;
import io.hindsight.store.api.StoreOrderStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@QueryRole
@RestController
@RequestMapping("/api/stores")
public class StoreQueryController {

    private final StoreQueries stores;
    private final StoreOrderQueries orders;
    private final StoreStreams streams;
    private final ResumePositions positions;

    public StoreQueryController(
            StoreQueries stores, StoreOrderQueries orders, StoreStreams streams, ResumePositions positions) {
        this.stores = stores;
        this.orders = orders;
        this.streams = streams;
        this.positions = positions;
    }

    /** Store summaries (name, address, open), oldest first; {@code open} keeps only open or closed ones. */
    @PublicEndpoint
    @ReadsProjection(StoreReadModels.STORES)
    @GetMapping
    public Page<StoreQueries.StoreSummary> list(
            @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return stores.list(open, Paging.of(offset, limit));
    }

    /** One store with its menu, now or as it was at {@code asOf}. */
    @PublicEndpoint
    @GetMapping("/{storeId}")
    public StoreDetail detail(@PathVariable String storeId, @RequestParam(required = false) Instant asOf) {
        StoreView store = stores.detail(storeId, asOf);
        return new StoreDetail(store.storeId(), store.name(), store.address(), store.open(), store.menu(), asOf);
    }

    /**
     * The store's orders, newest first, for its merchant, an ADMIN or an AUDITOR (an ADMIN finds here the orders a
     * resigned merchant left placed, to reject them); {@code status} keeps one status only.
     */
    @PreAuthorize("hasAnyRole('MERCHANT', 'ADMIN', 'AUDITOR')")
    @ReadsProjection(StoreReadModels.ORDERS)
    @GetMapping("/{storeId}/orders")
    public Page<StoreOrderView> orders(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String storeId,
            @RequestParam(required = false) StoreOrderStatus status,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        if (me.canAudit()) {
            stores.detail(storeId, null);
        } else {
            stores.ownedBy(storeId, me);
        }
        return orders.ofStore(storeId, status, Paging.of(offset, limit));
    }

    /**
     * The store's placed orders as they arrive, as server-sent events whose ids are positions: send the last one
     * seen as {@code Last-Event-ID} (or {@code after}) to get what was missed first. Without either, the stream
     * starts now.
     */
    @PreAuthorize("hasRole('MERCHANT')")
    @GetMapping(value = "/{storeId}/orders/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter orderStream(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String storeId,
            @RequestParam(required = false) Long after,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId)
            throws IOException {
        stores.ownedBy(storeId, me);
        return streams.open(StoreMessages.storeStream(storeId), positions.resumeAfter(lastEventId, after));
    }

    /** The store's wallet: balance, held amount and transactions, now or as of {@code asOf}. */
    @PreAuthorize("hasAnyRole('MERCHANT', 'ADMIN', 'AUDITOR')")
    @ReadsProjection(LedgerReadModels.TRANSFERS)
    @GetMapping("/{storeId}/wallet")
    public WalletQueryController.WalletResponse wallet(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String storeId,
            @RequestParam(required = false) Instant asOf,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return WalletQueryController.WalletResponse.of(stores.wallet(storeId, me, asOf, Paging.of(offset, limit)));
    }

    public record StoreDetail(
            String storeId,
            String name,
            String address,
            boolean open,
            List<StoreView.MenuItemView> menu,
            Instant asOf) {}
}
