package io.hindsight.booking;

import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.booking.api.SlotEvent;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.Folded;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
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
        BookingView current = current(slotId, id.value()).orElseThrow(() -> notFound(bookingId));
        if (!current.visibleTo(me.accountId().value()) && !me.canAudit()) {
            throw notFound(bookingId);
        }
        if (asOf == null) {
            return current;
        }
        return slots.asOf(slotId, asOf)
                .flatMap(slot -> slot.booking(id.value()))
                .or(() -> endedBy(current, asOf))
                .orElseThrow(() -> new BusinessException(
                        BookingError.BOOKING_NOT_FOUND, "Booking %s did not exist at %s", bookingId, asOf));
    }

    /**
     * The booking now, with every event committed before the read: from its slot while it holds it, otherwise from its
     * row, with those of its events the projection has not folded yet applied.
     */
    private Optional<BookingView> current(String slotId, String bookingId) {
        Optional<Folded<SlotView>> slot = slots.folded(slotId, null);
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        Optional<BookingView> holding = slot.get().view().booking(bookingId);
        if (holding.isPresent()) {
            return holding;
        }
        Optional<BookingEntries.Entry> entry = entries.entry(bookingId);
        BookingView booking = entry.map(BookingEntries.Entry::booking).orElse(null);
        long folded = entry.map(BookingEntries.Entry::lastSequence).orElse(-1L);
        for (RecordedEvent event : slot.get().beyondStored()) {
            if (event.sequence() > folded
                    && event.payload() instanceof SlotEvent slotEvent
                    && slotEvent.bookingId().value().equals(bookingId)) {
                booking = SlotFold.afterEvent(booking, event).orElse(booking);
            }
        }
        return Optional.ofNullable(booking);
    }

    /** A booking that had left its slot by {@code asOf} was then as it is now: no event changes it after that. */
    private static Optional<BookingView> endedBy(BookingView booking, Instant asOf) {
        Instant lastChange =
                booking.statusHistory().get(booking.statusHistory().size() - 1).at();
        return booking.holdsSlot() || lastChange.isAfter(asOf) ? Optional.empty() : Optional.of(booking);
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
