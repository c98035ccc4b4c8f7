package io.hindsight.booking;

import io.hindsight.booking.api.BookingOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The bookings that hold one space on one date (pending or confirmed), in the order they were placed. */
public record SlotView(String slotId, String spaceId, LocalDate date, List<BookingView> bookings) {

    public SlotView {
        bookings = List.copyOf(bookings);
    }

    public Optional<BookingView> booking(String bookingId) {
        return bookings.stream().filter(b -> b.bookingId().equals(bookingId)).findFirst();
    }

    /** Whether a live booking holds exactly this option. */
    public boolean taken(BookingOption option) {
        return bookings.stream().anyMatch(b -> b.holdsSlot() && b.option() == option);
    }

    /** The live booking that a new booking of {@code option} would conflict with, if any. */
    public Optional<BookingView> conflictWith(BookingOption option) {
        return bookings.stream()
                .filter(b -> b.holdsSlot() && b.option().conflictsWith(option))
                .findFirst();
    }
}
