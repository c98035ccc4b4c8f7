package io.hindsight.store;

import io.hindsight.store.api.StoreOrderKind;
import io.hindsight.store.api.StoreOrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A mobile order: its lines at the prices paid, what points and the provider paid, every payment the provider
 * reported for it (placed, refused, cancelled), the gift or coupon behind it, and every status it went through
 * with who moved it and when.
 */
public record StoreOrderView(
        String orderId,
        StoreOrderKind kind,
        String storeId,
        String merchantId,
        String customerId,
        StoreOrderStatus status,
        List<Line> items,
        Delivery delivery,
        long total,
        long pointsUsed,
        long amountDue,
        long amountPaid,
        String paymentId,
        Instant paymentDueAt,
        Gift gift,
        String couponCode,
        String reason,
        long pointsEarned,
        List<Payment> payments,
        Instant createdAt,
        Instant updatedAt,
        List<StatusEntry> statusHistory) {

    public StoreOrderView {
        items = List.copyOf(items);
        payments = List.copyOf(payments);
        statusHistory = List.copyOf(statusHistory);
    }

    StoreOrderView moved(StoreOrderStatus newStatus, Instant at, String actorId) {
        List<StatusEntry> history = new ArrayList<>(statusHistory);
        history.add(new StatusEntry(newStatus, at, actorId));
        return new StoreOrderView(
                orderId,
                kind,
                storeId,
                merchantId,
                customerId,
                newStatus,
                items,
                delivery,
                total,
                pointsUsed,
                amountDue,
                amountPaid,
                paymentId,
                paymentDueAt,
                gift,
                couponCode,
                reason,
                pointsEarned,
                payments,
                createdAt,
                at,
                history);
    }

    StoreOrderView paid(String payment, long paid) {
        return new StoreOrderView(
                orderId,
                kind,
                storeId,
                merchantId,
                customerId,
                status,
                items,
                delivery,
                total,
                pointsUsed,
                amountDue,
                paid,
                payment,
                paymentDueAt,
                gift,
                couponCode,
                reason,
                pointsEarned,
                payments,
                createdAt,
                updatedAt,
                statusHistory);
    }

    StoreOrderView withGift(Gift newGift) {
        return new StoreOrderView(
                orderId,
                kind,
                storeId,
                merchantId,
                customerId,
                status,
                items,
                delivery,
                total,
                pointsUsed,
                amountDue,
                amountPaid,
                paymentId,
                paymentDueAt,
                newGift,
                couponCode,
                reason,
                pointsEarned,
                payments,
                createdAt,
                updatedAt,
                statusHistory);
    }

    StoreOrderView because(String why, long earned) {
        return new StoreOrderView(
                orderId,
                kind,
                storeId,
                merchantId,
                customerId,
                status,
                items,
                delivery,
                total,
                pointsUsed,
                amountDue,
                amountPaid,
                paymentId,
                paymentDueAt,
                gift,
                couponCode,
                why,
                earned,
                payments,
                createdAt,
                updatedAt,
                statusHistory);
    }

    StoreOrderView withPayment(Payment payment, Instant at) {
        List<Payment> all = new ArrayList<>(payments);
        all.add(payment);
        return new StoreOrderView(
                orderId,
                kind,
                storeId,
                merchantId,
                customerId,
                status,
                items,
                delivery,
                total,
                pointsUsed,
                amountDue,
                amountPaid,
                paymentId,
                paymentDueAt,
                gift,
                couponCode,
                reason,
                pointsEarned,
                all,
                createdAt,
                at,
                statusHistory);
    }

    /** A line at the price paid. */
    public record Line(String menuId, String name, long unitPrice, int quantity, long lineTotal) {}

    /** Where it goes. */
    public record Delivery(String address, String request) {}

    /** The gift an order buys: its recipient, message and, once paid, the coupon issued. */
    public record Gift(String giftId, String recipientId, String message, String couponCode) {}

    /**
     * A payment the provider reported: PLACED it, REFUSED ({@code cancelRequested} when the provider held it as
     * paid), or CANCELLED at the provider.
     */
    public record Payment(
            String paymentId, String outcome, long amount, String providerStatus, String reason, Instant at) {}

    /** The order entered {@code status} at {@code at}, moved by {@code actorId}. */
    public record StatusEntry(StoreOrderStatus status, Instant at, String actorId) {}
}
