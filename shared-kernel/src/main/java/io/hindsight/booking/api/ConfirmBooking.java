package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The guest paid for a pending booking. */
public record ConfirmBooking(
        @TargetAggregateIdentifier SlotId slotId, BookingId bookingId, AccountId requestedBy, String paymentReference)
        implements BookingCommand {

    public ConfirmBooking(BookingId bookingId, AccountId requestedBy, String paymentReference) {
        this(bookingId.slotId(), bookingId, requestedBy, paymentReference);
    }
}
