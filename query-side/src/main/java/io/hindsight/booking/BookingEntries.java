package io.hindsight.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One row per booking, for the guest's and the host's lists; kept by the slot projection. */
@Repository
public class BookingEntries {

    public static final String TABLE = "booking_entry";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public BookingEntries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Writes the booking as of the slot event {@code sequence}; an older or repeated event changes nothing. */
    public void save(BookingView booking, long sequence) {
        jdbc.sql("""
                        INSERT INTO booking_entry (booking_id, slot_id, space_id, guest_id, host_id, slot_date, option,
                                                   status, placed_at, last_sequence, view)
                        VALUES (:id, :slot, :space, :guest, :host, :date, :option, :status, :placedAt, :sequence,
                                CAST(:view AS jsonb))
                        ON CONFLICT (booking_id) DO UPDATE SET status = excluded.status,
                            last_sequence = excluded.last_sequence, view = excluded.view
                        WHERE booking_entry.last_sequence < excluded.last_sequence""")
                .param("id", booking.bookingId())
                .param("slot", booking.slotId())
                .param("space", booking.spaceId())
                .param("guest", booking.guestId())
                .param("host", booking.hostId())
                .param("date", Date.valueOf(booking.date()))
                .param("option", booking.option().name())
                .param("status", booking.status().name())
                .param("placedAt", Timestamp.from(booking.placedAt()))
                .param("sequence", sequence)
                .param("view", write(booking))
                .update();
    }

    public List<BookingView> find(String where, String order, Map<String, ?> params, int offset, int limit) {
        return jdbc.sql("SELECT view::text FROM booking_entry WHERE " + where + " ORDER BY " + order
                        + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> read(rs.getString(1)))
                .list();
    }

    public long count(String where, Map<String, ?> params) {
        return jdbc.sql("SELECT count(*) FROM booking_entry WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    private String write(BookingView booking) {
        try {
            return json.writeValueAsString(booking);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Booking cannot be written as JSON", e);
        }
    }

    private BookingView read(String text) {
        try {
            return json.readValue(text, BookingView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored booking is not readable", e);
        }
    }
}
