package io.hindsight.booking;

import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.BookingPayment;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.booking.api.CancellationParty;
import io.hindsight.ledger.api.TransferId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One booking as its slot's events tell it; {@code payment} is null when no money moves (a free option). */
public record BookingView(
        String bookingId,
        String slotId,
        String spaceId,
        LocalDate date,
        BookingOption option,
        int headcount,
        String guestId,
        String hostId,
        long price,
        String currency,
        BookingStatus status,
        Instant placedAt,
        Instant holdExpiresAt,
        Instant confirmedAt,
        BookingPayment payment,
        Instant canceledAt,
        CancellationParty canceledBy,
        Instant expiredAt,
        List<StatusChange> statusHistory) {

    public BookingView {
        statusHistory = List.copyOf(statusHistory);
    }

    public boolean holdsSlot() {
        return status.holdsSlot();
    }

    public boolean visibleTo(String accountId) {
        return guestId.equals(accountId) || hostId.equals(accountId);
    }

    BookingView confirmed(Instant at, String actorId) {
        return new BookingView(
                bookingId,
                slotId,
                spaceId,
                date,
                option,
                headcount,
                guestId,
                hostId,
                price,
                currency,
                BookingStatus.CONFIRMED,
                placedAt,
                holdExpiresAt,
                at,
                payment == null ? null : payment.paid(),
                canceledAt,
                canceledBy,
                expiredAt,
                history(BookingStatus.CONFIRMED, at, actorId));
    }

    BookingView canceled(Instant at, String actorId, CancellationParty party, TransferId refund) {
        return new BookingView(
                bookingId,
                slotId,
                spaceId,
                date,
                option,
                headcount,
                guestId,
                hostId,
                price,
                currency,
                BookingStatus.CANCELED,
                placedAt,
                holdExpiresAt,
                confirmedAt,
                payment == null ? null : payment.canceled(refund),
                at,
                party,
                expiredAt,
                history(BookingStatus.CANCELED, at, actorId));
    }

    BookingView expired(Instant at, String actorId) {
        return new BookingView(
                bookingId,
                slotId,
                spaceId,
                date,
                option,
                headcount,
                guestId,
                hostId,
                price,
                currency,
                BookingStatus.EXPIRED,
                placedAt,
                holdExpiresAt,
                confirmedAt,
                payment == null ? null : payment.voided(),
                canceledAt,
                canceledBy,
                at,
                history(BookingStatus.EXPIRED, at, actorId));
    }

    private List<StatusChange> history(BookingStatus newStatus, Instant at, String actorId) {
        List<StatusChange> changes = new ArrayList<>(statusHistory);
        changes.add(new StatusChange(newStatus, at, actorId));
        return changes;
    }
}
