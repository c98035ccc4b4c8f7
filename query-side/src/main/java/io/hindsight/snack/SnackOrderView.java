package io.hindsight.snack;

import io.hindsight.snack.api.SnackOrderStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snack order with its lines (prices as recorded when the lines were written), its amount per
 * currency, and every status it went through with who moved it and when.
 */
public record SnackOrderView(
        String orderId,
        String requesterId,
        SnackOrderStatus status,
        List<Item> items,
        int snackQuantity,
        SortedMap<String, Long> amounts,
        LocalDate estimatedArrival,
        Instant createdAt,
        Instant updatedAt,
        List<StatusEntry> statusHistory) {

    public SnackOrderView {
        items = List.copyOf(items);
        amounts = Collections.unmodifiableSortedMap(new TreeMap<>(amounts));
        statusHistory = List.copyOf(statusHistory);
    }

    public static SortedMap<String, Long> amountsOf(List<Item> items) {
        SortedMap<String, Long> amounts = new TreeMap<>();
        items.forEach(item -> amounts.merge(item.currency(), item.lineTotal(), Long::sum));
        return amounts;
    }

    /** A snack in the order. */
    public record Item(String snackId, String name, int quantity, long unitPrice, String currency, long lineTotal) {}

    /** The order entered {@code status} at {@code at}, moved by {@code actorId}. */
    public record StatusEntry(SnackOrderStatus status, Instant at, String actorId, LocalDate estimatedArrival) {}
}
