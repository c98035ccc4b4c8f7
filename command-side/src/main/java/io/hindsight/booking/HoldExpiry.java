package io.hindsight.booking;

import io.hindsight.booking.api.BookingId;

/** The deadline payload that ends an unpaid booking's hold on its slot. */
public record HoldExpiry(BookingId bookingId) {}
