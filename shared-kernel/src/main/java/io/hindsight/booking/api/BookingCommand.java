package io.hindsight.booking.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing booking (its slot); an unknown one is answered BOOKING_NOT_FOUND. */
public sealed interface BookingCommand extends ToExistingAggregate permits ConfirmBooking, CancelBooking {

    BookingId bookingId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(BookingError.BOOKING_NOT_FOUND, "There is no booking %s", bookingId());
    }
}
