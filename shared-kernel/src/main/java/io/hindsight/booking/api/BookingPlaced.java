package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.ledger.api.TransferId;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A booking was accepted as PENDING: it holds its slot until paid or until {@code holdExpiresAt}, and its
 * price is held in the guest's wallet by the ledger transfer {@code transferId} (null when nothing is held: a
 * free option, or a booking placed before bookings were paid through the ledger, revision 1).
 */
@Revision("2")
public record BookingPlaced(
        SlotId slotId,
        BookingId bookingId,
        SpaceId spaceId,
        LocalDate date,
        BookingOption option,
        int headcount,
        AccountId guestId,
        AccountId hostId,
        long price,
        String currency,
        Instant holdExpiresAt,
        TransferId transferId)
        implements SlotEvent {}
