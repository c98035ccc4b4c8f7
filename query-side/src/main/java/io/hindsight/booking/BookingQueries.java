package io.hindsight.booking;

import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Service;

/** Reads of bookings: one booking now or as of an instant, a guest's bookings, a host's bookings of a space. */
@Service
public class BookingQueries {

    private final ReadModel<SlotView> slots;
    private final BookingEntries entries;
    private final SpaceQueries spaces;

    public BookingQueries(ReadModel<SlotView> slots, BookingEntries entries, SpaceQueries spaces) {
        this.slots = slots;
        this.entries = entries;
        this.spaces = spaces;
    }

    /**
     * The booking now (read-your-writes) or as it was at {@code asOf}, for its guest, the space's host, ADMIN
     * and AUDITOR; to anyone else it does not exist.
     */
    public BookingView booking(String bookingId, Instant asOf, AuthenticatedAccount me) {
        BookingId id = BookingId.parse(bookingId).orElseThrow(() -> notFound(bookingId));
        String slotId = id.slotId().value();
        BookingView current =
                slots.current(slotId).flatMap(slot -> slot.booking(id.value())).orElseThrow(() -> notFound(bookingId));
        if (!current.visibleTo(me.accountId().value()) && !me.canAudit()) {
            throw notFound(bookingId);
        }
        if (asOf == null) {
            return current;
        }
        return slots.asOf(slotId, asOf)
                .flatMap(slot -> slot.booking(id.value()))
                .orElseThrow(() -> new BusinessException(
                        BookingError.BOOKING_NOT_FOUND, "Booking %s did not exist at %s", bookingId, asOf));
    }

    public Page<BookingView> mine(AuthenticatedAccount me, BookingStatus status, Paging paging) {
        Where where = Where.is("guest_id", me.accountId().value());
        if (status != null) {
            where = where.and("status", status.name());
        }
        return entries.page(where, "placed_at DESC, booking_id", paging);
    }

    /** The bookings of a space, for its host only; to anyone else the space's bookings do not exist. */
    public Page<BookingView> ofSpace(String spaceId, LocalDate date, AuthenticatedAccount me, Paging paging) {
        SpaceView space = spaces.space(spaceId);
        if (!space.hostId().equals(me.accountId().value())) {
            throw new BusinessException(BookingError.SPACE_NOT_FOUND, "You host no space %s", spaceId);
        }
        Where where = Where.is("space_id", space.spaceId());
        if (date != null) {
            where = where.and("slot_date", Date.valueOf(date));
        }
        return entries.page(where, "slot_date, placed_at, booking_id", paging);
    }

    private static BusinessException notFound(String bookingId) {
        return new BusinessException(BookingError.BOOKING_NOT_FOUND, "There is no booking %s", bookingId);
    }
}
