package io.hindsight.snack.web;

import io.hindsight.snack.SnackOrderView;
import io.hindsight.snack.api.SnackOrderStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/** An order as the detail read shows it, with the instant it was asked about when that was not now. */
record SnackOrderResponse(
        String orderId,
        String requesterId,
        SnackOrderStatus status,
        List<SnackOrderView.Item> items,
        int snackQuantity,
        SortedMap<String, Long> amounts,
        LocalDate estimatedArrival,
        Instant createdAt,
        Instant updatedAt,
        List<SnackOrderView.StatusEntry> statusHistory,
        Instant asOf) {

    static SnackOrderResponse of(SnackOrderView view, Instant asOf) {
        return new SnackOrderResponse(
                view.orderId(),
                view.requesterId(),
                view.status(),
                view.items(),
                view.snackQuantity(),
                view.amounts(),
                view.estimatedArrival(),
                view.createdAt(),
                view.updatedAt(),
                view.statusHistory(),
                asOf);
    }
}
