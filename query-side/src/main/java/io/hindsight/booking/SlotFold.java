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
import java.util.function.UnaryOperator;

/** The slot view, and with it each of its bookings, as a fold of the slot's events. */
public final class SlotFold implements Fold<SlotView> {

    @Override
    public SlotView apply(SlotView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof BookingPlaced placed) {
            BookingView booking = new BookingView(
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
            List<BookingView> bookings = view == null ? new ArrayList<>() : new ArrayList<>(view.bookings());
            bookings.add(booking);
            return new SlotView(placed.slotId().value(), placed.spaceId().value(), placed.date(), bookings);
        }
        if (payload instanceof BookingConfirmed confirmed) {
            return change(view, confirmed, b -> b.confirmed(event.timestamp(), event.actorId()));
        }
        if (payload instanceof BookingCanceled canceled) {
            return change(
                    view,
                    canceled,
                    b -> b.canceled(
                            event.timestamp(), event.actorId(), canceled.canceledBy(), canceled.refundTransferId()));
        }
        if (payload instanceof BookingExpired expired) {
            return change(view, expired, b -> b.expired(event.timestamp(), event.actorId()));
        }
        return view;
    }

    private static SlotView change(SlotView view, SlotEvent event, UnaryOperator<BookingView> change) {
        String bookingId = event.bookingId().value();
        List<BookingView> bookings = view.bookings().stream()
                .map(b -> b.bookingId().equals(bookingId) ? change.apply(b) : b)
                .toList();
        return new SlotView(view.slotId(), view.spaceId(), view.date(), bookings);
    }
}
