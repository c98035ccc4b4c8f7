package io.hindsight.booking.api;

import org.axonframework.serialization.Revision;

/** A pending booking was not paid within its hold time; its slot is free again. */
@Revision("1")
public record BookingExpired(SlotId slotId, BookingId bookingId) implements SlotEvent {}
