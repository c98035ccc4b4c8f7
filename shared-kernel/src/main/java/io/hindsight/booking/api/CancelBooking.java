package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The guest or the space's host calls a booking off, which frees its slot. */
public record CancelBooking(@TargetAggregateIdentifier SlotId slotId, BookingId bookingId, AccountId requestedBy)
        implements BookingCommand {

    public CancelBooking(BookingId bookingId, AccountId requestedBy) {
        this(bookingId.slotId(), bookingId, requestedBy);
    }
}
