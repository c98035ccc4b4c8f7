package io.hindsight.store;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.store.api.GiftPaid;
import io.hindsight.store.api.GiftRefunded;
import io.hindsight.store.api.PaymentCancelRefused;
import io.hindsight.store.api.PaymentCancelled;
import io.hindsight.store.api.PaymentCancelledAtProvider;
import io.hindsight.store.api.PaymentRefused;
import io.hindsight.store.api.StoreOrderAccepted;
import io.hindsight.store.api.StoreOrderCompleted;
import io.hindsight.store.api.StoreOrderCreated;
import io.hindsight.store.api.StoreOrderExpired;
import io.hindsight.store.api.StoreOrderKind;
import io.hindsight.store.api.StoreOrderPlaced;
import io.hindsight.store.api.StoreOrderRefused;
import io.hindsight.store.api.StoreOrderRejected;
import io.hindsight.store.api.StoreOrderStatus;
import java.util.List;

/** The store order view as a fold of the order's events. */
public final class StoreOrderFold implements Fold<StoreOrderView> {

    @Override
    public StoreOrderView apply(StoreOrderView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof StoreOrderCreated created) {
            return new StoreOrderView(
                    created.orderId().value(),
                    created.kind(),
                    created.storeId().value(),
                    created.merchantId().value(),
                    created.customerId().value(),
                    StoreOrderStatus.AWAITING_PAYMENT,
                    created.lines().stream().map(StoreOrderView.Line::of).toList(),
                    StoreOrderView.Delivery.of(created.delivery()),
                    created.total(),
                    created.pointsUsed(),
                    created.amountDue(),
                    0,
                    null,
                    created.paymentDueAt(),
                    created.gift() == null
                            ? null
                            : new StoreOrderView.Gift(
                                    created.gift().giftId(),
                                    created.gift().recipientId().value(),
                                    created.gift().message(),
                                    null),
                    created.prepayment() == null
                            ? null
                            : created.prepayment().couponCode().value(),
                    null,
                    0,
                    List.of(),
                    event.timestamp(),
                    event.timestamp(),
                    List.of(new StoreOrderView.StatusEntry(
                            StoreOrderStatus.AWAITING_PAYMENT, event.timestamp(), event.actorId())));
        }
        if (payload instanceof StoreOrderPlaced placed) {
            StoreOrderView paid = view.paid(placed.paymentId(), placed.amountPaid());
            if (placed.paymentId() != null && placed.kind() != StoreOrderKind.COUPON) {
                paid = paid.withPayment(
                        payment(placed.paymentId(), "PLACED", placed.amountPaid(), null, event), event.timestamp());
            }
            return paid.moved(StoreOrderStatus.PLACED, event.timestamp(), event.actorId());
        }
        if (payload instanceof GiftPaid gift) {
            StoreOrderView paid = view.paid(gift.paymentId(), gift.amountPaid())
                    .withGift(new StoreOrderView.Gift(
                            gift.giftId(),
                            gift.recipientId().value(),
                            view.gift() == null ? null : view.gift().message(),
                            gift.couponCode().value()));
            if (gift.paymentId() != null) {
                paid = paid.withPayment(
                        payment(gift.paymentId(), "PLACED", gift.amountPaid(), null, event), event.timestamp());
            }
            return paid.moved(StoreOrderStatus.GIFTED, event.timestamp(), event.actorId());
        }
        if (payload instanceof PaymentRefused refused) {
            return view.withPayment(
                    new StoreOrderView.Payment(
                            refused.paymentId(),
                            refused.cancelAtProvider() ? "REFUSED_TO_CANCEL" : "REFUSED",
                            refused.amount(),
                            refused.providerStatus().name(),
                            refused.reason(),
                            event.timestamp()),
                    event.timestamp());
        }
        if (payload instanceof PaymentCancelled cancelled) {
            return view.withPayment(
                    payment(cancelled.paymentId(), "CANCELLED", cancelled.amount(), null, event), event.timestamp());
        }
        if (payload instanceof PaymentCancelledAtProvider cancelled) {
            return view.withPayment(
                    new StoreOrderView.Payment(
                            cancelled.paymentId(),
                            "CANCELLED_AT_PROVIDER",
                            cancelled.cancelledAmount(),
                            cancelled.cancelledAmount() >= cancelled.amount() ? "CANCELLED" : "PAID",
                            cancelled.reason(),
                            event.timestamp()),
                    event.timestamp());
        }
        if (payload instanceof PaymentCancelRefused refused) {
            return view.withPayment(
                    new StoreOrderView.Payment(
                            refused.paymentId(),
                            "CANCEL_REFUSED",
                            refused.amount(),
                            "PAID",
                            refused.providerMessage(),
                            event.timestamp()),
                    event.timestamp());
        }
        if (payload instanceof StoreOrderRefused refused) {
            return view.because(refused.reason(), 0)
                    .moved(StoreOrderStatus.REFUSED, event.timestamp(), event.actorId());
        }
        if (payload instanceof StoreOrderExpired) {
            return view.moved(StoreOrderStatus.EXPIRED, event.timestamp(), event.actorId());
        }
        if (payload instanceof StoreOrderAccepted) {
            return view.moved(StoreOrderStatus.ACCEPTED, event.timestamp(), event.actorId());
        }
        if (payload instanceof StoreOrderRejected rejected) {
            return view.because(rejected.reason(), 0)
                    .moved(StoreOrderStatus.REJECTED, event.timestamp(), event.actorId());
        }
        if (payload instanceof GiftRefunded refunded) {
            return view.because(refunded.reason(), 0)
                    .moved(StoreOrderStatus.REFUNDED, event.timestamp(), event.actorId());
        }
        if (payload instanceof StoreOrderCompleted completed) {
            return view.because(view.reason(), completed.pointsEarned())
                    .moved(StoreOrderStatus.COMPLETED, event.timestamp(), event.actorId());
        }
        return view;
    }

    private static StoreOrderView.Payment payment(
            String paymentId, String outcome, long amount, String providerStatus, RecordedEvent event) {
        return new StoreOrderView.Payment(paymentId, outcome, amount, providerStatus, null, event.timestamp());
    }
}
