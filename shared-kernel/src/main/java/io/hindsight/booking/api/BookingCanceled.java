package io.hindsight.booking.api;

import io.hindsight.ledger.api.TransferId;
import org.axonframework.serialization.Revision;

/**
 * The guest or the host called the booking off; its slot is free again. A pending booking's hold was voided; a
 * confirmed booking's price went back to the guest by the transfer {@code refundTransferId} (null otherwise).
 */
@Revision("2")
public record BookingCanceled(
        SlotId slotId, BookingId bookingId, CancellationParty canceledBy, TransferId refundTransferId)
        implements SlotEvent {}
