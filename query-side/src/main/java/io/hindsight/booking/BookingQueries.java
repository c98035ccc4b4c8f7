package io.hindsight.booking;

import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.projection.Views;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads of bookings: one booking now or as of an instant, a guest's bookings, a host's bookings of a space. */
@Service
public class BookingQueries {

    private final Views views;
    private final EventHistory history;
    private final ViewDefinition<SlotView> slots;
    private final BookingEntries entries;
    private final SpaceQueries spaces;

    public BookingQueries(
            Views views,
            EventHistory history,
            ViewDefinition<SlotView> slots,
            BookingEntries entries,
            SpaceQueries spaces) {
        this.views = views;
        this.history = history;
        this.slots = slots;
        this.entries = entries;
        this.spaces = spaces;
    }

    /**
     * The booking now (read-your-writes) or as it was at {@code asOf}, for its guest, the space's host,
     * ADMIN and AUDITOR; to anyone else it does not exist.
     */
    public BookingView booking(String bookingId, Instant asOf, AuthenticatedAccount me) {
        BookingId id = BookingId.parse(bookingId).orElseThrow(() -> notFound(bookingId));
        String slotId = id.slotId().value();
        BookingView current = views.current(slots, slotId)
                .flatMap(slot -> slot.booking(id.value()))
                .orElseThrow(() -> notFound(bookingId));
        if (!current.visibleTo(me.accountId().value()) && !me.canAudit()) {
            throw notFound(bookingId);
        }
        if (asOf == null) {
            return current;
        }
        return history.asOf(slots, slotId, asOf)
                .flatMap(slot -> slot.booking(id.value()))
                .orElseThrow(() -> new BusinessException(
                        BookingError.BOOKING_NOT_FOUND, "Booking %s did not exist at %s", bookingId, asOf));
    }

    public Page<BookingView> mine(AuthenticatedAccount me, BookingStatus status, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = "guest_id = :guest";
        params.put("guest", me.accountId().value());
        if (status != null) {
            where += " AND status = :status";
            params.put("status", status.name());
        }
        return page(where, "placed_at DESC, booking_id", params, paging);
    }

    /** The bookings of a space, for its host only; to anyone else the space's bookings do not exist. */
    public Page<BookingView> ofSpace(String spaceId, LocalDate date, AuthenticatedAccount me, Paging paging) {
        SpaceView space = spaces.space(spaceId);
        if (!space.hostId().equals(me.accountId().value())) {
            throw new BusinessException(BookingError.SPACE_NOT_FOUND, "You host no space %s", spaceId);
        }
        Map<String, Object> params = new HashMap<>();
        String where = "space_id = :space";
        params.put("space", space.spaceId());
        if (date != null) {
            where += " AND slot_date = :date";
            params.put("date", Date.valueOf(date));
        }
        return page(where, "slot_date, placed_at, booking_id", params, paging);
    }

    private Page<BookingView> page(String where, String order, Map<String, Object> params, Paging paging) {
        long total = entries.count(where, params);
        List<BookingView> items = entries.find(where, order, params, paging.offset(), paging.limit());
        return Page.of(items, total, paging);
    }

    private static BusinessException notFound(String bookingId) {
        return new BusinessException(BookingError.BOOKING_NOT_FOUND, "There is no booking %s", bookingId);
    }
}
