package io.hindsight.booking.api;

import io.hindsight.ledger.api.TransferId;
import org.axonframework.serialization.Revision;

/**
 * The guest paid: the hold {@code transferId} was posted to the host's wallet (null when nothing was held),
 * and the booking keeps its slot for good. Revision 1 carried a free-form payment reference instead.
 */
@Revision("2")
public record BookingConfirmed(SlotId slotId, BookingId bookingId, long amount, TransferId transferId)
        implements SlotEvent {}
