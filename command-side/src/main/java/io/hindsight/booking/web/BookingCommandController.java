package io.hindsight.booking.web;

import io.hindsight.booking.BookingState;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.CancelBooking;
import io.hindsight.booking.api.ConfirmBooking;
import io.hindsight.booking.api.PlaceBooking;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
@RequestMapping("/api/bookings")
@PreAuthorize("isAuthenticated()")
public class BookingCommandController {

    private final Commands commands;

    public BookingCommandController(Commands commands) {
        this.commands = commands;
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping
    public ResponseEntity<BookingState> place(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody BookingRequest request) {
        SpaceId spaceId = SpaceId.parse(request.spaceId())
                .orElseThrow(() ->
                        new BusinessException(BookingError.SPACE_NOT_FOUND, "There is no space %s", request.spaceId()));
        BookingOption option = BookingOption.parse(request.option())
                .orElseThrow(() -> new BusinessException(
                        BookingError.UNKNOWN_OPTION,
                        "The option must be DAY, NIGHT or ALL_DAY, not %s",
                        request.option()));
        BookingId bookingId = BookingId.newId(spaceId, request.date());
        BookingState placed = commands.send(new PlaceBooking(bookingId, option, request.headcount(), me.accountId()));
        return ResponseEntity.created(URI.create("/api/bookings/" + bookingId)).body(placed);
    }

    /** Pays with the price held in the guest's wallet; a body (a payment reference before) is ignored. */
    @PostMapping("/{bookingId}/confirm")
    public BookingState confirm(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String bookingId) {
        return commands.send(new ConfirmBooking(booking(bookingId), me.accountId()));
    }

    @PostMapping("/{bookingId}/cancel")
    public BookingState cancel(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String bookingId) {
        return commands.send(new CancelBooking(booking(bookingId), me.accountId()));
    }

    private static BookingId booking(String bookingId) {
        return BookingId.parse(bookingId)
                .orElseThrow(() ->
                        new BusinessException(BookingError.BOOKING_NOT_FOUND, "There is no booking %s", bookingId));
    }

    public record BookingRequest(
            @NotBlank @Size(max = 64) String spaceId,
            @NotNull LocalDate date,
            @NotBlank @Size(max = 20) String option,
            @NotNull Integer headcount) {}
}
