package io.hindsight.store;

import io.hindsight.store.api.CouponStatus;
import java.time.Instant;

/** A gift coupon as its recipient sees it, with when it was issued, registered and used, and why it was withdrawn. */
public record CouponView(
        String code,
        String giftId,
        String giftOrderId,
        String storeId,
        String menuId,
        String menuName,
        String recipientId,
        String fromAccountId,
        String message,
        CouponStatus status,
        Instant expiresAt,
        long paidAmount,
        Instant issuedAt,
        Instant registeredAt,
        Instant usedAt,
        String orderId,
        String reason) {

    CouponView with(CouponStatus newStatus, Instant registered, Instant used, String usedFor) {
        return with(newStatus, registered, used, usedFor, null);
    }

    CouponView withdrawn(String why) {
        return with(CouponStatus.WITHDRAWN, registeredAt, null, null, why);
    }

    private CouponView with(CouponStatus newStatus, Instant registered, Instant used, String usedFor, String why) {
        return new CouponView(
                code,
                giftId,
                giftOrderId,
                storeId,
                menuId,
                menuName,
                recipientId,
                fromAccountId,
                message,
                newStatus,
                expiresAt,
                paidAmount,
                issuedAt,
                registered,
                used,
                usedFor,
                why);
    }

    /**
     * The status at {@code instant}: a coupon whose validity ended by then is EXPIRED even before the deadline
     * that records it has run.
     */
    public CouponStatus statusAt(Instant instant) {
        boolean usable = status == CouponStatus.ISSUED || status == CouponStatus.REGISTERED;
        return usable && !instant.isBefore(expiresAt) ? CouponStatus.EXPIRED : status;
    }
}
