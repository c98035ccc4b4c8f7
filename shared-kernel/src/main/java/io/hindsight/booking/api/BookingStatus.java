package io.hindsight.booking.api;

/** Where a booking is in its life: PENDING holds the slot until paid; CONFIRMED keeps it. */
public enum BookingStatus {
    PENDING,
    CONFIRMED,
    CANCELED,
    EXPIRED;

    public boolean holdsSlot() {
        return this == PENDING || this == CONFIRMED;
    }
}
