package io.hindsight.store;

import io.hindsight.store.api.StoreOrderKind;
import io.hindsight.store.api.StoreOrderLine;
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
        Draft next = new Draft(this);
        next.status = newStatus;
        next.updatedAt = at;
        next.statusHistory = new ArrayList<>(statusHistory);
        next.statusHistory.add(new StatusEntry(newStatus, at, actorId));
        return next.build();
    }

    StoreOrderView paid(String payment, long paid) {
        Draft next = new Draft(this);
        next.paymentId = payment;
        next.amountPaid = paid;
        return next.build();
    }

    StoreOrderView withGift(Gift newGift) {
        Draft next = new Draft(this);
        next.gift = newGift;
        return next.build();
    }

    StoreOrderView because(String why, long earned) {
        Draft next = new Draft(this);
        next.reason = why;
        next.pointsEarned = earned;
        return next.build();
    }

    StoreOrderView withPayment(Payment payment, Instant at) {
        Draft next = new Draft(this);
        next.payments = new ArrayList<>(payments);
        next.payments.add(payment);
        next.updatedAt = at;
        return next.build();
    }

    /** A copy of a view whose fields the withers change before building the next view. */
    private static final class Draft {
        private String orderId;
        private StoreOrderKind kind;
        private String storeId;
        private String merchantId;
        private String customerId;
        private StoreOrderStatus status;
        private List<Line> items;
        private Delivery delivery;
        private long total;
        private long pointsUsed;
        private long amountDue;
        private long amountPaid;
        private String paymentId;
        private Instant paymentDueAt;
        private Gift gift;
        private String couponCode;
        private String reason;
        private long pointsEarned;
        private List<Payment> payments;
        private Instant createdAt;
        private Instant updatedAt;
        private List<StatusEntry> statusHistory;

        Draft(StoreOrderView view) {
            orderId = view.orderId();
            kind = view.kind();
            storeId = view.storeId();
            merchantId = view.merchantId();
            customerId = view.customerId();
            status = view.status();
            items = view.items();
            delivery = view.delivery();
            total = view.total();
            pointsUsed = view.pointsUsed();
            amountDue = view.amountDue();
            amountPaid = view.amountPaid();
            paymentId = view.paymentId();
            paymentDueAt = view.paymentDueAt();
            gift = view.gift();
            couponCode = view.couponCode();
            reason = view.reason();
            pointsEarned = view.pointsEarned();
            payments = view.payments();
            createdAt = view.createdAt();
            updatedAt = view.updatedAt();
            statusHistory = view.statusHistory();
        }

        StoreOrderView build() {
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
                    payments,
                    createdAt,
                    updatedAt,
                    statusHistory);
        }
    }

    /** A line at the price paid. */
    public record Line(String menuId, String name, long unitPrice, int quantity, long lineTotal) {

        static Line of(StoreOrderLine line) {
            return new Line(line.menuId().value(), line.name(), line.unitPrice(), line.quantity(), line.lineTotal());
        }
    }

    /** Where it goes. */
    public record Delivery(String address, String request) {

        static Delivery of(io.hindsight.store.api.Delivery delivery) {
            return delivery == null ? null : new Delivery(delivery.address(), delivery.request());
        }
    }

    /** The gift an order buys: its recipient, message and, once paid, the coupon issued. */
    public record Gift(String giftId, String recipientId, String message, String couponCode) {}

    /**
     * A payment the provider reported: PLACED it, REFUSED (REFUSED_TO_CANCEL when the provider held it as paid),
     * CANCELLED at our request, CANCEL_REFUSED by the provider ({@code reason}: what it said; asked again later), or
     * CANCELLED_AT_PROVIDER unasked, in full or in part ({@code amount}: how much the provider gave back).
     */
    public record Payment(
            String paymentId, String outcome, long amount, String providerStatus, String reason, Instant at) {}

    /** The order entered {@code status} at {@code at}, moved by {@code actorId}. */
    public record StatusEntry(StoreOrderStatus status, Instant at, String actorId) {}
}
