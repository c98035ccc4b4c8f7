package io.hindsight.booking.api;

import org.axonframework.serialization.Revision;

/** The guest paid; the booking keeps its slot for good. */
@Revision("1")
public record BookingConfirmed(SlotId slotId, BookingId bookingId, long amount, String paymentReference)
        implements SlotEvent {}
