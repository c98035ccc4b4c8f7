package io.hindsight.booking.api;

/** Who canceled a booking: its guest or the space's host. */
public enum CancellationParty {
    GUEST,
    HOST
}
