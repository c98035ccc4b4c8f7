package io.hindsight.store.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.store.StoreOrderQueries;
import io.hindsight.store.StoreOrderView;
import io.hindsight.store.StoreReadModels;
import io.hindsight.store.api.StoreOrderStatus;
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
@RequestMapping("/api/store-orders")
@PreAuthorize("isAuthenticated()")
public class StoreOrderQueryController {

    private final StoreOrderQueries orders;

    public StoreOrderQueryController(StoreOrderQueries orders) {
        this.orders = orders;
    }

    /**
     * The caller's orders and gifts, newest first; {@code status} keeps one status only (an order never paid stays
     * listed as EXPIRED: its history is the customer's too).
     */
    @ReadsProjection(StoreReadModels.ORDERS)
    @GetMapping
    public Page<StoreOrderView> mine(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) StoreOrderStatus status,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return orders.ofCustomer(me.accountId().value(), status, Paging.of(offset, limit));
    }

    /** The order now or as it was at {@code asOf}, for its customer, its merchant, an ADMIN or an AUDITOR. */
    @GetMapping("/{orderId}")
    public StoreOrderDetail detail(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String orderId,
            @RequestParam(required = false) Instant asOf) {
        return new StoreOrderDetail(orders.visibleTo(orderId, me, asOf), asOf);
    }

    /** The order with the {@code asOf} it was read at, echoed as every detail read echoes it (null without one). */
    public record StoreOrderDetail(@JsonUnwrapped StoreOrderView order, Instant asOf) {}
}
