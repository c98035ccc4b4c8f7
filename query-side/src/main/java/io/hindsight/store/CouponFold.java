package io.hindsight.store;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.store.api.CouponExpired;
import io.hindsight.store.api.CouponIssued;
import io.hindsight.store.api.CouponRegistered;
import io.hindsight.store.api.CouponStatus;
import io.hindsight.store.api.CouponUsed;
import io.hindsight.store.api.CouponWithdrawn;

/** The coupon view as a fold of the coupon's events. */
public final class CouponFold implements Fold<CouponView> {

    @Override
    public CouponView apply(CouponView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof CouponIssued issued) {
            return new CouponView(
                    issued.code().value(),
                    issued.giftId(),
                    issued.giftOrderId().value(),
                    issued.storeId().value(),
                    issued.menuId().value(),
                    issued.menuName(),
                    issued.recipientId().value(),
                    issued.fromAccountId().value(),
                    issued.message(),
                    CouponStatus.ISSUED,
                    issued.expiresAt(),
                    issued.paidAmount(),
                    event.timestamp(),
                    null,
                    null,
                    null,
                    null);
        }
        if (payload instanceof CouponRegistered) {
            return view.with(CouponStatus.REGISTERED, event.timestamp(), null, null);
        }
        if (payload instanceof CouponUsed used) {
            return view.with(
                    CouponStatus.USED,
                    view.registeredAt(),
                    event.timestamp(),
                    used.orderId().value());
        }
        if (payload instanceof CouponExpired) {
            return view.with(CouponStatus.EXPIRED, view.registeredAt(), null, null);
        }
        if (payload instanceof CouponWithdrawn withdrawn) {
            return view.withdrawn(withdrawn.reason());
        }
        return view;
    }
}
