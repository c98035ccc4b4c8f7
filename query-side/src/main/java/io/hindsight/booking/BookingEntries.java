package io.hindsight.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.projection.ViewFollower;
import io.hindsight.projection.ViewQueries;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** One row per booking, for the guest's and the host's lists; follows the slot read model. */
@Repository
public class BookingEntries implements ViewFollower<SlotView> {

    private static final String TABLE = "booking_entry";

    private final JdbcClient jdbc;
    private final ViewQueries<BookingView> rows;

    public BookingEntries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.rows = new ViewQueries<>(TABLE, BookingView.class, jdbc, json);
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public void follow(Step<SlotView> step) {
        SlotFold.bookingAfter(step.before(), step.event())
                .ifPresent(booking -> save(booking, step.event().sequence()));
    }

    /** A booking as its row holds it: as of the latest of its events the projection has folded. */
    public record Entry(BookingView booking, long lastSequence) {}

    public Optional<Entry> entry(String bookingId) {
        return jdbc.sql("SELECT view::text AS view, last_sequence FROM booking_entry WHERE booking_id = :id")
                .param("id", bookingId)
                .query((rs, row) -> new Entry(rows.read(rs.getString("view")), rs.getLong("last_sequence")))
                .optional();
    }

    /** Writes the booking as of the slot event {@code sequence}; an older or repeated event changes nothing. */
    private void save(BookingView booking, long sequence) {
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
                .param("view", rows.write(booking))
                .update();
    }

    /** A page of bookings, counted and read in one snapshot. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<BookingView> page(Where where, String orderBy, Paging paging) {
        return rows.page(where, orderBy, paging);
    }
}
