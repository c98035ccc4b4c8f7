package io.hindsight.booking;

import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.BookingPayment;
import io.hindsight.booking.api.BookingStatus;
import java.time.Instant;
import java.time.LocalDate;

/** A booking as its slot knows it right after a command, returned to the caller; no payment when it is free. */
public record BookingState(
        String bookingId,
        String spaceId,
        LocalDate date,
        BookingOption option,
        int headcount,
        BookingStatus status,
        long price,
        String currency,
        Instant holdExpiresAt,
        BookingPayment payment) {}
