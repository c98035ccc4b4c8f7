package io.hindsight.snack.web;

import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.snack.OrderPeriod;
import io.hindsight.snack.RequestedSnack;
import io.hindsight.snack.SnackOrderFilter;
import io.hindsight.snack.SnackOrderQueries;
import io.hindsight.snack.SnackOrderView;
import io.hindsight.snack.SnackQueries;
import io.hindsight.snack.SnackReadModels;
import io.hindsight.snack.SnackView;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackOrderId;
import io.hindsight.snack.api.SnackOrderStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The office's order board: every member sees every order, as the snack board always did. */
@QueryRole
@RestController
@RequestMapping("/api/snack-orders")
@PreAuthorize("isAuthenticated()")
public class SnackOrderQueryController {

    private final SnackOrderQueries queries;
    private final SnackQueries snacks;

    public SnackOrderQueryController(SnackOrderQueries queries, SnackQueries snacks) {
        this.queries = queries;
        this.snacks = snacks;
    }

    /** Newest first, each line with its snack's link as the catalogue's read model holds it. */
    @ReadsProjection({SnackReadModels.ORDERS, SnackReadModels.CATALOG})
    @GetMapping
    public Page<SnackOrderResponse> list(@AuthenticationPrincipal AuthenticatedAccount me, PeriodQuery query) {
        Page<SnackOrderView> page = queries.list(query.filter(me), query.paging());
        Map<String, SnackView> shown = snacks.snacksNow(snackIdsOf(page.items()));
        return page.map(order -> SnackOrderResponse.of(order, shown, null));
    }

    /** The snacks requested in a period, with quantities; CANCELED orders count only when asked for by status. */
    @ReadsProjection(SnackReadModels.ORDERS)
    @GetMapping("/snacks")
    public Page<RequestedSnack> requestedSnacks(@AuthenticationPrincipal AuthenticatedAccount me, PeriodQuery query) {
        return queries.requestedSnacks(query.filter(me), query.paging());
    }

    /** The order now, or as it was at {@code asOf}. */
    @GetMapping("/{orderId}")
    public SnackOrderResponse detail(@PathVariable String orderId, @RequestParam(required = false) Instant asOf) {
        String id = SnackOrderId.parse(orderId)
                .orElseThrow(
                        () -> new BusinessException(SnackError.SNACK_ORDER_NOT_FOUND, "No snack order %s", orderId))
                .value();
        SnackOrderView order = asOf == null ? queries.current(id) : queries.asOf(id, asOf);
        return SnackOrderResponse.of(order, snacks.snacksAsOf(snackIdsOf(List.of(order)), asOf), asOf);
    }

    private static Set<String> snackIdsOf(List<SnackOrderView> orders) {
        return orders.stream()
                .flatMap(order -> order.items().stream())
                .map(SnackOrderView.Item::snackId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The query parameters both period listings take, bound from the request. */
    public record PeriodQuery(
            Integer year,
            Integer month,
            Integer week,
            Integer day,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            SnackOrderStatus status,
            Boolean mine,
            Integer offset,
            Integer limit) {

        SnackOrderFilter filter(AuthenticatedAccount me) {
            return new SnackOrderFilter(
                    OrderPeriod.of(year, month, week, day, from, to),
                    status,
                    Boolean.TRUE.equals(mine) ? me.accountId().value() : null);
        }

        Paging paging() {
            return Paging.of(offset, limit);
        }
    }
}
