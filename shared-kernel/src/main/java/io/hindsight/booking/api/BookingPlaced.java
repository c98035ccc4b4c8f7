package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A booking was accepted as PENDING: it holds its slot until paid or until {@code holdExpiresAt}. */
@Revision("1")
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
        Instant holdExpiresAt)
        implements SlotEvent {}
