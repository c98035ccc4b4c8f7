package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The guest pays for a pending booking: the price held in their wallet goes to the host's. */
public record ConfirmBooking(@TargetAggregateIdentifier SlotId slotId, BookingId bookingId, AccountId requestedBy)
        implements BookingCommand {

    public ConfirmBooking(BookingId bookingId, AccountId requestedBy) {
        this(bookingId.slotId(), bookingId, requestedBy);
    }
}
