package io.hindsight.store.web;

import io.hindsight.audit.ResumePositions;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.ledger.LedgerReadModels;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.store.CouponQueries;
import io.hindsight.store.PointsQueries;
import io.hindsight.store.StoreMessages;
import io.hindsight.store.StoreReadModels;
import io.hindsight.store.StoreStreams;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The caller's coupons, points and live notifications. */
@QueryRole
@RestController
@RequestMapping("/api/me")
@PreAuthorize("isAuthenticated()")
public class MyStoreThingsController {

    private final CouponQueries coupons;
    private final PointsQueries points;
    private final StoreStreams streams;
    private final ResumePositions positions;

    public MyStoreThingsController(
            CouponQueries coupons, PointsQueries points, StoreStreams streams, ResumePositions positions) {
        this.coupons = coupons;
        this.points = points;
        this.streams = streams;
        this.positions = positions;
    }

    /**
     * At most {@code limit} coupons (default and most 1000) after skipping {@code offset}: a shorter page is the
     * last. The list used to stop at its first 1000 with no way to reach the rest.
     */
    @ReadsProjection(StoreReadModels.COUPONS)
    @GetMapping("/coupons")
    public List<CouponQueries.MyCoupon> coupons(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return coupons.of(me.accountId().value(), Paging.of(offset, limit == null ? Paging.MAX_LIMIT : limit));
    }

    /** Available and held points and their history (newest first), now or as of {@code asOf}. */
    @ReadsProjection(LedgerReadModels.TRANSFERS)
    @GetMapping("/points")
    public PointsQueries.Points points(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) Instant asOf,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return points.of(me.accountId(), asOf, Paging.of(offset, limit));
    }

    /**
     * ORDER_WAITING, ORDER_REFUSED, ORDER_ACCEPTED, ORDER_REJECTED, ORDER_COMPLETED, GIFT_RECEIVED and
     * GIFT_REFUNDED as server-sent events; resumes after {@code Last-Event-ID} (or {@code after}), else starts now.
     */
    @GetMapping(value = "/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter notifications(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) Long after,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId)
            throws IOException {
        return streams.open(
                StoreMessages.userStream(me.accountId().value()), positions.resumeAfter(lastEventId, after));
    }
}
