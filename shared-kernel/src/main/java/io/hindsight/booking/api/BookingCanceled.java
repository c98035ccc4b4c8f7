package io.hindsight.booking.api;

import org.axonframework.serialization.Revision;

/** The guest or the host called the booking off; its slot is free again. */
@Revision("1")
public record BookingCanceled(SlotId slotId, BookingId bookingId, CancellationParty canceledBy) implements SlotEvent {}
