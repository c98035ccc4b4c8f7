package io.hindsight.booking.web;

import io.hindsight.booking.BookingQueries;
import io.hindsight.booking.BookingReadModels;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.booking.web.BookingResponses.BookingResponse;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import java.time.Instant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@RequestMapping("/api/bookings")
@PreAuthorize("isAuthenticated()")
public class BookingQueryController {

    private final BookingQueries bookings;

    public BookingQueryController(BookingQueries bookings) {
        this.bookings = bookings;
    }

    @ReadsProjection(BookingReadModels.SLOTS)
    @GetMapping
    public Page<BookingResponse> mine(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) BookingStatus status,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return bookings.mine(me, status, Paging.of(offset, limit)).map(view -> BookingResponse.of(view, null));
    }

    /** The booking now, or as it was at {@code asOf}. */
    @GetMapping("/{bookingId}")
    public BookingResponse booking(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String bookingId,
            @RequestParam(required = false) Instant asOf) {
        return BookingResponse.of(bookings.booking(bookingId, asOf, me), asOf);
    }
}
