package io.hindsight.booking.api;

/** Everything that can happen to the bookings of one space on one date. */
public sealed interface SlotEvent permits BookingPlaced, BookingConfirmed, BookingCanceled, BookingExpired {

    SlotId slotId();

    BookingId bookingId();
}
