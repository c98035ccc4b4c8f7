package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.CreatesIfMissing;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A guest asks to book one option of a space on a date; the slot of that space and date decides. */
public record PlaceBooking(
        @TargetAggregateIdentifier SlotId slotId,
        BookingId bookingId,
        SpaceId spaceId,
        LocalDate date,
        BookingOption option,
        int headcount,
        AccountId guestId)
        implements CreatesIfMissing {

    public PlaceBooking(BookingId bookingId, BookingOption option, int headcount, AccountId guestId) {
        this(bookingId.slotId(), bookingId, bookingId.spaceId(), bookingId.date(), option, headcount, guestId);
    }
}
