package io.hindsight.store;

import io.hindsight.store.api.CouponIssued;
import io.hindsight.store.api.CouponStatus;
import io.hindsight.store.api.CouponWithdrawn;
import io.hindsight.store.api.GiftRefunded;
import io.hindsight.store.api.PaymentCancelledAtProvider;
import io.hindsight.store.api.StoreOrderAccepted;
import io.hindsight.store.api.StoreOrderCompleted;
import io.hindsight.store.api.StoreOrderPlaced;
import io.hindsight.store.api.StoreOrderRefused;
import io.hindsight.store.api.StoreOrderRejected;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which messages an event makes, as a pure function of the event: the log that keeps them and the live tail that
 * delivers them both use it, so the two agree message for message. Every event of {@link #SOURCES} makes at least
 * one message, and no event makes two for one stream.
 */
public final class StoreMessages {

    /** The events that make messages. */
    public static final List<Class<?>> SOURCES = List.of(
            StoreOrderPlaced.class,
            StoreOrderRefused.class,
            PaymentCancelledAtProvider.class,
            StoreOrderAccepted.class,
            StoreOrderRejected.class,
            StoreOrderCompleted.class,
            GiftRefunded.class,
            CouponIssued.class,
            CouponWithdrawn.class);

    private StoreMessages() {}

    public static String storeStream(String storeId) {
        return "store:" + StoreQueries.canonical(storeId);
    }

    public static String userStream(String accountId) {
        return "user:" + accountId;
    }

    public static List<StoreMessage> of(Object payload, long position, Instant at) {
        if (payload instanceof StoreOrderPlaced placed) {
            Map<String, Object> order =
                    order(placed.orderId().value(), placed.storeId().value());
            order.put("customerId", placed.customerId().value());
            order.put("kind", placed.kind());
            order.put(
                    "items",
                    placed.lines().stream()
                            .map(line -> new StoreOrderView.Line(
                                    line.menuId().value(),
                                    line.name(),
                                    line.unitPrice(),
                                    line.quantity(),
                                    line.lineTotal()))
                            .toList());
            order.put(
                    "delivery",
                    placed.delivery() == null
                            ? null
                            : new StoreOrderView.Delivery(
                                    placed.delivery().address(),
                                    placed.delivery().request()));
            order.put("amountDue", placed.amountDue());
            order.put("pointsUsed", placed.pointsUsed());
            return List.of(
                    new StoreMessage(storeStream(placed.storeId().value()), position, "ORDER_PLACED", at, order),
                    new StoreMessage(
                            userStream(placed.customerId().value()),
                            position,
                            "ORDER_WAITING",
                            at,
                            order(placed.orderId().value(), placed.storeId().value())));
        }
        if (payload instanceof StoreOrderRefused refused) {
            Map<String, Object> data =
                    order(refused.orderId().value(), refused.storeId().value());
            data.put("reason", refused.reason());
            return List.of(toUser(refused.customerId().value(), position, "ORDER_REFUSED", at, data));
        }
        if (payload instanceof PaymentCancelledAtProvider cancelled) {
            // the merchant may be preparing it, or have served it: either way the money is no longer there
            Map<String, Object> data =
                    order(cancelled.orderId().value(), cancelled.storeId().value());
            data.put("reason", cancelled.reason());
            data.put("cancelledAmount", cancelled.cancelledAmount());
            data.put("orderEnded", cancelled.orderEnds());
            return List.of(new StoreMessage(
                    storeStream(cancelled.storeId().value()), position, "ORDER_PAYMENT_CANCELLED", at, data));
        }
        if (payload instanceof StoreOrderAccepted accepted) {
            return List.of(toUser(
                    accepted.customerId().value(),
                    position,
                    "ORDER_ACCEPTED",
                    at,
                    order(accepted.orderId().value(), accepted.storeId().value())));
        }
        if (payload instanceof StoreOrderRejected rejected) {
            Map<String, Object> data =
                    order(rejected.orderId().value(), rejected.storeId().value());
            data.put("reason", rejected.reason());
            return List.of(toUser(rejected.customerId().value(), position, "ORDER_REJECTED", at, data));
        }
        if (payload instanceof GiftRefunded refunded) {
            Map<String, Object> data =
                    order(refunded.orderId().value(), refunded.storeId().value());
            data.put("reason", refunded.reason());
            return List.of(toUser(refunded.customerId().value(), position, "GIFT_REFUNDED", at, data));
        }
        if (payload instanceof StoreOrderCompleted completed) {
            Map<String, Object> data =
                    order(completed.orderId().value(), completed.storeId().value());
            data.put("pointsEarned", completed.pointsEarned());
            return List.of(toUser(completed.customerId().value(), position, "ORDER_COMPLETED", at, data));
        }
        if (payload instanceof CouponIssued issued) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("code", issued.code().value());
            data.put("storeId", issued.storeId().value());
            data.put("menuId", issued.menuId().value());
            data.put("menuName", issued.menuName());
            data.put("fromAccountId", issued.fromAccountId().value());
            data.put("message", issued.message());
            data.put("expiresAt", issued.expiresAt());
            return List.of(toUser(issued.recipientId().value(), position, "GIFT_RECEIVED", at, data));
        }
        if (payload instanceof CouponWithdrawn withdrawn) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("code", withdrawn.code().value());
            data.put("storeId", withdrawn.storeId().value());
            data.put("menuId", withdrawn.menuId().value());
            data.put("status", CouponStatus.WITHDRAWN);
            data.put("reason", withdrawn.reason());
            return List.of(toUser(withdrawn.recipientId().value(), position, "COUPON_WITHDRAWN", at, data));
        }
        return List.of();
    }

    private static StoreMessage toUser(
            String accountId, long position, String type, Instant at, Map<String, Object> data) {
        return new StoreMessage(userStream(accountId), position, type, at, data);
    }

    private static Map<String, Object> order(String orderId, String storeId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", orderId);
        data.put("storeId", storeId);
        return data;
    }
}
