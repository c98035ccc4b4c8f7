package io.hindsight.snack.web;

import io.hindsight.snack.SnackOrderView;
import io.hindsight.snack.SnackView;
import io.hindsight.snack.api.SnackOrderStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * An order as the board shows it, each snack with its link and image, and the instant it was asked about when
 * that was not now.
 */
record SnackOrderResponse(
        String orderId,
        String requesterId,
        SnackOrderStatus status,
        List<ItemResponse> items,
        int snackQuantity,
        SortedMap<String, Long> amounts,
        LocalDate estimatedArrival,
        Instant createdAt,
        Instant updatedAt,
        List<SnackOrderView.StatusEntry> statusHistory,
        Instant asOf) {

    static SnackOrderResponse of(SnackOrderView view, Map<String, SnackView> snacks, Instant asOf) {
        return new SnackOrderResponse(
                view.orderId(),
                view.requesterId(),
                view.status(),
                view.items().stream()
                        .map(item -> ItemResponse.of(item, snacks.get(item.snackId())))
                        .toList(),
                view.snackQuantity(),
                view.amounts(),
                view.estimatedArrival(),
                view.createdAt(),
                view.updatedAt(),
                view.statusHistory(),
                asOf);
    }

    /** A line of the order with the snack's link and image (as of the same instant as the order). */
    record ItemResponse(
            String snackId,
            String name,
            int quantity,
            long unitPrice,
            String currency,
            long lineTotal,
            String url,
            String imageUrl,
            boolean retired) {

        static ItemResponse of(SnackOrderView.Item item, SnackView snack) {
            return new ItemResponse(
                    item.snackId(),
                    item.name(),
                    item.quantity(),
                    item.unitPrice(),
                    item.currency(),
                    item.lineTotal(),
                    snack == null ? null : snack.url(),
                    snack == null ? null : snack.imageUrl(),
                    snack != null && snack.retired());
        }
    }
}
