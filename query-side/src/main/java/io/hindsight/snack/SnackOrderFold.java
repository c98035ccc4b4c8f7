package io.hindsight.snack;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.snack.api.SnackOrderCreated;
import io.hindsight.snack.api.SnackOrderItemsRevised;
import io.hindsight.snack.api.SnackOrderLine;
import io.hindsight.snack.api.SnackOrderPurchased;
import io.hindsight.snack.api.SnackOrderShipped;
import io.hindsight.snack.api.SnackOrderStatus;
import io.hindsight.snack.api.SnackOrderStatusChange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The snack order view as a fold of the order's events. */
public final class SnackOrderFold implements Fold<SnackOrderView> {

    @Override
    public SnackOrderView apply(SnackOrderView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof SnackOrderCreated created) {
            List<SnackOrderView.Item> items = items(created.lines());
            return new SnackOrderView(
                    created.orderId().value(),
                    created.requesterId().value(),
                    SnackOrderStatus.CREATED,
                    items,
                    quantity(items),
                    SnackOrderView.amountsOf(items),
                    null,
                    event.timestamp(),
                    event.timestamp(),
                    List.of(new SnackOrderView.StatusEntry(
                            SnackOrderStatus.CREATED, event.timestamp(), event.actorId(), null)));
        }
        if (payload instanceof SnackOrderItemsRevised revised) {
            List<SnackOrderView.Item> items = items(revised.lines());
            return new SnackOrderView(
                    view.orderId(),
                    view.requesterId(),
                    view.status(),
                    items,
                    quantity(items),
                    SnackOrderView.amountsOf(items),
                    view.estimatedArrival(),
                    view.createdAt(),
                    event.timestamp(),
                    view.statusHistory());
        }
        if (payload instanceof SnackOrderStatusChange change) {
            LocalDate arrival = arrivalOf(payload, view.estimatedArrival());
            List<SnackOrderView.StatusEntry> history = new ArrayList<>(view.statusHistory());
            history.add(new SnackOrderView.StatusEntry(
                    change.newStatus(),
                    event.timestamp(),
                    event.actorId(),
                    payload instanceof SnackOrderPurchased || payload instanceof SnackOrderShipped ? arrival : null));
            return new SnackOrderView(
                    view.orderId(),
                    view.requesterId(),
                    change.newStatus(),
                    view.items(),
                    view.snackQuantity(),
                    view.amounts(),
                    arrival,
                    view.createdAt(),
                    event.timestamp(),
                    history);
        }
        return view;
    }

    private static LocalDate arrivalOf(Object payload, LocalDate current) {
        if (payload instanceof SnackOrderPurchased purchased) {
            return purchased.estimatedArrival();
        }
        if (payload instanceof SnackOrderShipped shipped) {
            return shipped.estimatedArrival();
        }
        return current;
    }

    private static List<SnackOrderView.Item> items(List<SnackOrderLine> lines) {
        return lines.stream()
                .map(line -> new SnackOrderView.Item(
                        line.snackId().value(),
                        line.name(),
                        line.quantity(),
                        line.unitPrice(),
                        line.currency(),
                        line.lineTotal()))
                .toList();
    }

    private static int quantity(List<SnackOrderView.Item> items) {
        return items.stream().mapToInt(SnackOrderView.Item::quantity).sum();
    }
}
