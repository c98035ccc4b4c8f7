package io.hindsight.snack;

import static io.hindsight.snack.api.SnackOrderStatus.APPROVED;
import static io.hindsight.snack.api.SnackOrderStatus.CANCELED;
import static io.hindsight.snack.api.SnackOrderStatus.COMPLETED;
import static io.hindsight.snack.api.SnackOrderStatus.CREATED;
import static io.hindsight.snack.api.SnackOrderStatus.ORDERED;
import static io.hindsight.snack.api.SnackOrderStatus.SHIPPING;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.snack.api.CancelSnackOrder;
import io.hindsight.snack.api.ChangeSnackOrderStatus;
import io.hindsight.snack.api.CreateSnackOrder;
import io.hindsight.snack.api.RequesterLeft;
import io.hindsight.snack.api.ReviseSnackOrderItems;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackOrderApproved;
import io.hindsight.snack.api.SnackOrderCanceled;
import io.hindsight.snack.api.SnackOrderCompleted;
import io.hindsight.snack.api.SnackOrderCreated;
import io.hindsight.snack.api.SnackOrderId;
import io.hindsight.snack.api.SnackOrderItem;
import io.hindsight.snack.api.SnackOrderItemsRevised;
import io.hindsight.snack.api.SnackOrderLine;
import io.hindsight.snack.api.SnackOrderPurchased;
import io.hindsight.snack.api.SnackOrderShipped;
import io.hindsight.snack.api.SnackOrderStatus;
import io.hindsight.snack.api.SnackOrderStatusChange;
import io.hindsight.snack.api.SnackRules;
import io.hindsight.snack.guard.SnackCatalog;
import io.hindsight.snack.guard.SnackReactionTally;
import io.hindsight.snack.guard.UnshippedSnackRequests;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A member's request for snacks, moved by ADMINs along a strict flow: CREATED -> APPROVED -> ORDERED ->
 * SHIPPING -> COMPLETED, or CREATED/APPROVED -> CANCELED; never skipping a step, never going back.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class SnackOrder {

    static final Map<SnackOrderStatus, Set<SnackOrderStatus>> NEXT = Map.of(
            CREATED, EnumSet.of(APPROVED, CANCELED),
            APPROVED, EnumSet.of(ORDERED, CANCELED),
            ORDERED, EnumSet.of(SHIPPING),
            SHIPPING, EnumSet.of(COMPLETED),
            COMPLETED, EnumSet.noneOf(SnackOrderStatus.class),
            CANCELED, EnumSet.noneOf(SnackOrderStatus.class));

    /** The moves that need every snack of the order to be liked at least as much as hated. */
    private static final Set<SnackOrderStatus> NEED_NO_DISLIKED_SNACK = EnumSet.of(APPROVED, ORDERED);

    private static final int LAST_YEAR = 9999;

    @AggregateIdentifier
    private SnackOrderId orderId;

    private AccountId requesterId;
    private SnackOrderStatus status;
    private List<SnackOrderLine> lines;
    private LocalDate createdOn;
    private LocalDate estimatedArrival;

    protected SnackOrder() {}

    @CommandHandler
    public SnackOrder(CreateSnackOrder command, SnackCatalog catalog, UnshippedSnackRequests requests) {
        requireValid(command.items());
        List<SnackOrderLine> newLines = catalog.linesOrRefuse(command.items());
        requests.claimOrRefuse(command.orderId(), command.requesterId(), newLines);
        apply(new SnackOrderCreated(command.orderId(), command.requesterId(), newLines));
    }

    @CommandHandler
    public SnackOrderState handle(
            ReviseSnackOrderItems command, SnackCatalog catalog, UnshippedSnackRequests requests) {
        if (!requesterId.equals(command.requesterId())) {
            throw new BusinessException(SnackError.SNACK_ORDER_NOT_FOUND, "No snack order %s", orderId);
        }
        if (status != CREATED) {
            throw new BusinessException(
                    SnackError.ORDER_NOT_EDITABLE,
                    "Cannot edit the items of order %s: it is %s, and only CREATED orders can be edited",
                    orderId,
                    status);
        }
        requireValid(command.items());
        List<SnackOrderLine> newLines = catalog.linesOrRefuse(command.items());
        if (!newLines.equals(lines)) {
            requests.claimOrRefuse(orderId, requesterId, newLines);
            requests.releaseAllBut(orderId, newLines);
            apply(new SnackOrderItemsRevised(orderId, newLines));
        }
        return state();
    }

    /** The requester withdraws their request while nobody has acted on it; canceling again changes nothing. */
    @CommandHandler
    public SnackOrderState handle(CancelSnackOrder command, UnshippedSnackRequests requests) {
        if (!requesterId.equals(command.requesterId())) {
            throw new BusinessException(SnackError.SNACK_ORDER_NOT_FOUND, "No snack order %s", orderId);
        }
        if (status == CANCELED) {
            return state();
        }
        if (status != CREATED) {
            throw new BusinessException(
                    SnackError.ORDER_NOT_CANCELABLE,
                    "Cannot cancel order %s: it is %s, and its requester cancels only CREATED orders",
                    orderId,
                    status);
        }
        requests.releaseAll(orderId);
        apply(new SnackOrderCanceled(orderId));
        return state();
    }

    @CommandHandler
    public SnackOrderState handle(RequesterLeft command, UnshippedSnackRequests requests) {
        if (requesterId.equals(command.requesterId()) && status == CREATED) {
            requests.releaseAll(orderId);
            apply(new SnackOrderCanceled(orderId));
        }
        return state();
    }

    @CommandHandler
    public SnackOrderState handle(
            ChangeSnackOrderStatus command, SnackReactionTally tally, UnshippedSnackRequests requests) {
        SnackOrderStatus target = command.status();
        LocalDate arrival = command.estimatedArrival();
        if (target == null) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A status is required");
        }
        if (target.needsEstimatedArrival() && arrival == null) {
            throw new BusinessException(
                    SnackError.ESTIMATED_ARRIVAL_REQUIRED,
                    "Moving order %s to %s needs an estimatedArrival date",
                    orderId,
                    target);
        }
        if (!target.needsEstimatedArrival() && arrival != null) {
            throw new BusinessException(
                    SnackError.INVALID_ESTIMATED_ARRIVAL,
                    "An estimatedArrival belongs only to ORDERED and SHIPPING, not to %s",
                    target);
        }
        if (arrival != null && arrival.isBefore(createdOn)) {
            throw new BusinessException(
                    SnackError.INVALID_ESTIMATED_ARRIVAL,
                    "Order %s was created on %s; it cannot arrive on %s",
                    orderId,
                    createdOn,
                    arrival);
        }
        if (arrival != null && arrival.getYear() > LAST_YEAR) {
            // the API's days lie within the years 1 to 9999, as its query parameters already did
            throw new BusinessException(
                    SnackError.INVALID_ESTIMATED_ARRIVAL, "An estimatedArrival lies within the year %d", LAST_YEAR);
        }
        if (!NEXT.get(status).contains(target)) {
            throw new BusinessException(
                    SnackError.INVALID_TRANSITION,
                    "Cannot move order %s from %s to %s%s",
                    orderId,
                    status,
                    target,
                    NEXT.get(status).isEmpty() ? "" : "; next can be " + NEXT.get(status));
        }
        if (NEED_NO_DISLIKED_SNACK.contains(target)) {
            List<SnackId> disliked = tally.lockAndFindDisliked(
                    lines.stream().map(SnackOrderLine::snackId).toList());
            if (!disliked.isEmpty()) {
                throw new BusinessException(
                        SnackError.SNACK_DISLIKED,
                        "Cannot move order %s to %s: %s more hated than liked",
                        orderId,
                        target,
                        namesOf(disliked));
            }
        }
        if (!target.holdsItsSnacks()) {
            requests.releaseAll(orderId);
        }
        apply(
                switch (target) {
                    case APPROVED -> new SnackOrderApproved(orderId);
                    case ORDERED -> new SnackOrderPurchased(orderId, arrival);
                    case SHIPPING -> new SnackOrderShipped(orderId, arrival);
                    case COMPLETED -> new SnackOrderCompleted(orderId);
                    case CANCELED -> new SnackOrderCanceled(orderId);
                    case CREATED -> throw new IllegalStateException("No move leads back to CREATED");
                });
        return state();
    }

    @EventSourcingHandler
    void on(SnackOrderCreated event, @Timestamp Instant at) {
        orderId = event.orderId();
        requesterId = event.requesterId();
        lines = event.lines();
        status = CREATED;
        createdOn = LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    @EventSourcingHandler
    void on(SnackOrderItemsRevised event) {
        lines = event.lines();
    }

    @EventSourcingHandler
    void on(SnackOrderApproved event) {
        moveTo(event, null);
    }

    @EventSourcingHandler
    void on(SnackOrderPurchased event) {
        moveTo(event, event.estimatedArrival());
    }

    @EventSourcingHandler
    void on(SnackOrderShipped event) {
        moveTo(event, event.estimatedArrival());
    }

    @EventSourcingHandler
    void on(SnackOrderCompleted event) {
        moveTo(event, estimatedArrival);
    }

    @EventSourcingHandler
    void on(SnackOrderCanceled event) {
        moveTo(event, estimatedArrival);
    }

    private void moveTo(SnackOrderStatusChange change, LocalDate arrival) {
        status = change.newStatus();
        estimatedArrival = arrival;
    }

    private static void requireValid(List<SnackOrderItem> items) {
        if (items.isEmpty() || items.size() > SnackRules.MAX_ORDER_ITEMS) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "An order has 1 to %d items, not %d",
                    SnackRules.MAX_ORDER_ITEMS,
                    items.size());
        }
        Set<SnackId> seen = new HashSet<>();
        for (SnackOrderItem item : items) {
            if (item == null || item.snackId() == null) {
                throw new BusinessException(CommonError.VALIDATION_FAILED, "Every item names a snack");
            }
            if (item.quantity() < 1 || item.quantity() > SnackRules.MAX_QUANTITY) {
                throw new BusinessException(
                        CommonError.VALIDATION_FAILED,
                        "A quantity is between 1 and %d, not %d",
                        SnackRules.MAX_QUANTITY,
                        item.quantity());
            }
            if (!seen.add(item.snackId())) {
                throw new BusinessException(
                        SnackError.DUPLICATE_ITEM,
                        "Snack %s appears twice; list each snack once with its quantity",
                        item.snackId());
            }
        }
    }

    private String namesOf(List<SnackId> snackIds) {
        String names = lines.stream()
                .filter(line -> snackIds.contains(line.snackId()))
                .map(line -> "'" + line.name() + "'")
                .collect(Collectors.joining(", "));
        return snackIds.size() == 1 ? names + " is" : names + " are";
    }

    private SnackOrderState state() {
        return new SnackOrderState(orderId, requesterId, status, lines, estimatedArrival);
    }
}
