package io.hindsight.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The bookings that were canceled or expired ({@code booking_ended_bookings}), each written in the transaction of the
 * slot event that ended it. A {@link Slot} keeps only its live bookings, so its state does not grow with every booking
 * its date ever had; a command naming an ended booking is answered from here.
 */
@Repository
public class EndedBookings {

    /** Its own mapper: the stored answers must read back whatever the API's JSON settings become. */
    private static final JsonMapper STATES = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final JdbcClient jdbc;

    public EndedBookings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An ended booking: its guest and host, who alone see it, and what a command on it answers. */
    public record Ended(AccountId guestId, AccountId hostId, BookingState state) {

        boolean visibleTo(AccountId account) {
            return guestId.equals(account) || hostId.equals(account);
        }
    }

    /**
     * Two nodes ending one booking at once both get here: the second waits for the first's row, leaves it, and then
     * loses the race on the slot's event sequence, which sends its command again to find the booking ended.
     */
    public void record(BookingId booking, AccountId guest, AccountId host, BookingState state) {
        jdbc.sql("""
                        INSERT INTO booking_ended_bookings (booking_id, guest_id, host_id, state)
                        VALUES (:booking, :guest, :host, CAST(:state AS jsonb)) ON CONFLICT DO NOTHING""")
                .param("booking", booking.value())
                .param("guest", guest.value())
                .param("host", host.value())
                .param("state", json(state))
                .update();
    }

    public Optional<Ended> find(BookingId booking) {
        return jdbc.sql("SELECT guest_id, host_id, state FROM booking_ended_bookings WHERE booking_id = :booking")
                .param("booking", booking.value())
                .query((row, n) -> new Ended(
                        AccountId.of(row.getString("guest_id")),
                        AccountId.of(row.getString("host_id")),
                        state(row.getString("state"))))
                .optional();
    }

    private static String json(BookingState state) {
        try {
            return STATES.writeValueAsString(state);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("Cannot write the state of booking " + state.bookingId(), unwritable);
        }
    }

    private static BookingState state(String json) {
        try {
            return STATES.readValue(json, BookingState.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("Cannot read a stored booking state", unreadable);
        }
    }
}
