package io.hindsight.booking;

import io.hindsight.booking.api.BookingCanceled;
import io.hindsight.booking.api.BookingConfirmed;
import io.hindsight.booking.api.BookingExpired;
import io.hindsight.booking.api.BookingPayment;
import io.hindsight.booking.api.BookingPlaced;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.booking.api.SlotEvent;
import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The slot view as a fold of the slot's events: the bookings that hold the slot. A booking that is canceled or
 * expires leaves the view; its last state is its row in {@link BookingEntries}, written from {@link #bookingAfter}.
 * Kept in the view, every booking a slot ever had was rewritten and reread with each of its events.
 */
public final class SlotFold implements Fold<SlotView> {

    @Override
    public SlotView apply(SlotView view, RecordedEvent event) {
        Optional<BookingView> changed = bookingAfter(view, event);
        if (changed.isEmpty()) {
            return view;
        }
        BookingView booking = changed.get();
        List<BookingView> bookings = new ArrayList<>();
        boolean known = false;
        for (BookingView held : view == null ? List.<BookingView>of() : view.bookings()) {
            boolean same = held.bookingId().equals(booking.bookingId());
            known |= same;
            if (!same) {
                bookings.add(held);
            } else if (booking.holdsSlot()) {
                bookings.add(booking);
            }
        }
        if (!known && booking.holdsSlot()) {
            bookings.add(booking);
        }
        return new SlotView(booking.slotId(), booking.spaceId(), booking.date(), bookings);
    }

    /**
     * The booking an event of the slot places or changes, as it is after the event; empty for an event of a booking the
     * view does not hold (none is changed once it has left the slot).
     */
    public static Optional<BookingView> bookingAfter(SlotView view, RecordedEvent event) {
        if (!(event.payload() instanceof SlotEvent slotEvent)) {
            return Optional.empty();
        }
        Optional<BookingView> before = view == null
                ? Optional.empty()
                : view.booking(slotEvent.bookingId().value());
        return afterEvent(before.orElse(null), event);
    }

    /** The booking after one of its events, from its state before it (null before it is placed). */
    public static Optional<BookingView> afterEvent(BookingView booking, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof BookingPlaced placed) {
            return Optional.of(placed(placed, event));
        }
        if (booking == null) {
            return Optional.empty();
        }
        if (payload instanceof BookingConfirmed) {
            return Optional.of(booking.confirmed(event.timestamp(), event.actorId()));
        }
        if (payload instanceof BookingCanceled canceled) {
            return Optional.of(booking.canceled(
                    event.timestamp(), event.actorId(), canceled.canceledBy(), canceled.refundTransferId()));
        }
        if (payload instanceof BookingExpired) {
            return Optional.of(booking.expired(event.timestamp(), event.actorId()));
        }
        return Optional.empty();
    }

    private static BookingView placed(BookingPlaced placed, RecordedEvent event) {
        return new BookingView(
                placed.bookingId().value(),
                placed.slotId().value(),
                placed.spaceId().value(),
                placed.date(),
                placed.option(),
                placed.headcount(),
                placed.guestId().value(),
                placed.hostId().value(),
                placed.price(),
                placed.currency(),
                BookingStatus.PENDING,
                event.timestamp(),
                placed.holdExpiresAt(),
                null,
                placed.transferId() == null
                        ? null
                        : BookingPayment.held(placed.transferId(), placed.price(), placed.currency()),
                null,
                null,
                null,
                List.of(new StatusChange(BookingStatus.PENDING, event.timestamp(), event.actorId())));
    }
}
