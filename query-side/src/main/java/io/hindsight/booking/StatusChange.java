package io.hindsight.booking;

import io.hindsight.booking.api.BookingStatus;
import java.time.Instant;

/** One step of a booking's life: the status it took, when, and who caused it. */
public record StatusChange(BookingStatus status, Instant at, String actorId) {}
