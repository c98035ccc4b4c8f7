package io.hindsight.booking.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingId;
import io.hindsight.common.BusinessException;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The bookings still PENDING or CONFIRMED, by host and date ({@code booking_live_bookings}): added in the transaction
 * of the slot event that places one, removed in that of the event that cancels it or lets it expire. A host does not
 * resign while one of theirs is still to come: nobody could pay its guest back afterwards (a resigned account's wallet
 * takes no money), and it would stay booked for a space nobody hosts.
 */
@Repository
public class HostBookings {

    private final JdbcClient jdbc;

    public HostBookings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void placed(BookingId booking, AccountId host, AccountId guest, LocalDate date) {
        jdbc.sql("""
                        INSERT INTO booking_live_bookings (booking_id, host_id, guest_id, booking_date)
                        VALUES (:booking, :host, :guest, :date) ON CONFLICT (booking_id) DO NOTHING""")
                .param("booking", booking.value())
                .param("host", host.value())
                .param("guest", guest.value())
                .param("date", date)
                .update();
    }

    /** The booking was canceled or expired. */
    public void ended(BookingId booking) {
        jdbc.sql("DELETE FROM booking_live_bookings WHERE booking_id = :booking")
                .param("booking", booking.value())
                .update();
    }

    /**
     * Refuses with HOST_HAS_BOOKINGS while the host has a live booking dated {@code today} or later whose guest is still
     * a member. One whose guest has resigned can be neither paid back (GUEST_LEFT) nor come to, so it kept its host
     * from resigning until its date. The caller holds
     * the rows of the host's listed spaces' terms FOR UPDATE ({@link SpaceTerms#listedSpacesOf}), which a booking being
     * placed holds FOR SHARE until it commits: such a booking has been waited for and is seen here, or it comes after
     * and finds its space unlisted.
     */
    public void noneToComeOrRefuse(AccountId host, LocalDate today) {
        long live = jdbc.sql("""
                        SELECT count(*) FROM booking_live_bookings live
                        WHERE host_id = :host AND booking_date >= :today
                          AND NOT EXISTS (SELECT 1 FROM account_credentials guest
                                          WHERE guest.account_id = live.guest_id AND guest.resigned)""")
                .param("host", host.value())
                .param("today", today)
                .query(Long.class)
                .single();
        if (live > 0) {
            throw new BusinessException(
                    BookingError.HOST_HAS_BOOKINGS,
                    "Account %s hosts %d booking(s) still to come; cancel them (their guests are paid back) before"
                            + " resigning",
                    host,
                    live);
        }
    }
}
