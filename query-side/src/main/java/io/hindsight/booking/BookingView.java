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
        return movedTo(
                BookingStatus.CONFIRMED,
                at,
                actorId,
                at,
                payment == null ? null : payment.paid(),
                canceledAt,
                canceledBy,
                expiredAt);
    }

    BookingView canceled(Instant at, String actorId, CancellationParty party, TransferId refund) {
        return movedTo(
                BookingStatus.CANCELED,
                at,
                actorId,
                confirmedAt,
                payment == null ? null : payment.canceled(refund),
                at,
                party,
                expiredAt);
    }

    BookingView expired(Instant at, String actorId) {
        return movedTo(
                BookingStatus.EXPIRED,
                at,
                actorId,
                confirmedAt,
                payment == null ? null : payment.voided(),
                canceledAt,
                canceledBy,
                at);
    }

    /** The booking in its new status, with the fields a status change may set and the change added to its history. */
    private BookingView movedTo(
            BookingStatus newStatus,
            Instant at,
            String actorId,
            Instant newConfirmedAt,
            BookingPayment newPayment,
            Instant newCanceledAt,
            CancellationParty newCanceledBy,
            Instant newExpiredAt) {
        List<StatusChange> changes = new ArrayList<>(statusHistory);
        changes.add(new StatusChange(newStatus, at, actorId));
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
                newStatus,
                placedAt,
                holdExpiresAt,
                newConfirmedAt,
                newPayment,
                newCanceledAt,
                newCanceledBy,
                newExpiredAt,
                changes);
    }
}
