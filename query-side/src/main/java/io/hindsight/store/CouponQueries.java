package io.hindsight.store;

import io.hindsight.projection.ReadModel;
import io.hindsight.projection.Where;
import io.hindsight.query.Paging;
import io.hindsight.store.api.CouponStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** A user's coupons, newest first, each with its status now, a page at a time. */
@Service
public class CouponQueries {

    private final ReadModel<CouponView> coupons;
    private final Clock clock;

    public CouponQueries(ReadModel<CouponView> coupons, Clock clock) {
        this.coupons = coupons;
        this.clock = clock;
    }

    public List<MyCoupon> of(String recipientId, Paging paging) {
        Instant now = clock.instant();
        return coupons.list(Where.is("recipient_id", recipientId), "issued_at DESC, aggregate_id", paging).stream()
                .map(view -> new MyCoupon(
                        view.code(),
                        view.storeId(),
                        view.menuId(),
                        view.menuName(),
                        view.statusAt(now),
                        view.expiresAt(),
                        view.fromAccountId(),
                        view.message(),
                        view.issuedAt(),
                        view.orderId(),
                        view.reason()))
                .toList();
    }

    /** A coupon as its recipient lists it; {@code reason} says why a WITHDRAWN one was. */
    public record MyCoupon(
            String code,
            String storeId,
            String menuId,
            String menuName,
            CouponStatus status,
            Instant expiresAt,
            String fromAccountId,
            String message,
            Instant issuedAt,
            String orderId,
            String reason) {}
}
