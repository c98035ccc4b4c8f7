package io.hindsight.booking.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.command.WriterFirstLocks;
import io.hindsight.common.BusinessException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A booking needs an existing, listed space and respects its terms (host, headcount range, prices): the
 * command-owned copy of them, written in the same transaction as the space's registration and every change
 * of them. Slots read it; the command side never reads the query side's space view.
 */
@Repository
public class SpaceTerms {

    private static final String LOCK_KIND = "space-terms";

    private final JdbcClient jdbc;
    private final WriterFirstLocks locks;

    public SpaceTerms(JdbcClient jdbc, WriterFirstLocks locks) {
        this.jdbc = jdbc;
        this.locks = locks;
    }

    public void register(Terms terms) {
        jdbc.sql("""
                        INSERT INTO booking_space_terms
                            (space_id, host_id, min_count, max_count, day_price, night_price, all_day_price)
                        VALUES (:space, :host, :min, :max, :day, :night, :allDay)""")
                .param("space", terms.spaceId().value())
                .param("host", terms.hostId().value())
                .param("min", terms.minCount())
                .param("max", terms.maxCount())
                .param("day", terms.prices().day())
                .param("night", terms.prices().night())
                .param("allDay", terms.prices().allDay())
                .update();
    }

    /** New headcount range and prices, for bookings placed from now on. */
    public void revise(SpaceId spaceId, int minCount, int maxCount, SpacePrices prices) {
        locks.beforeWriting(LOCK_KIND, spaceId.value());
        jdbc.sql("UPDATE booking_space_terms SET min_count = :min, max_count = :max, day_price = :day,"
                        + " night_price = :night, all_day_price = :allDay WHERE space_id = :space")
                .param("space", spaceId.value())
                .param("min", minCount)
                .param("max", maxCount)
                .param("day", prices.day())
                .param("night", prices.night())
                .param("allDay", prices.allDay())
                .update();
    }

    /** The spaces of a host that take bookings, their rows locked until the transaction ends. */
    public List<SpaceId> listedSpacesOf(AccountId hostId) {
        jdbc.sql("SELECT space_id FROM booking_space_terms WHERE host_id = :host AND listed ORDER BY space_id")
                .param("host", hostId.value())
                .query(String.class)
                .list()
                .forEach(spaceId -> locks.beforeWriting(LOCK_KIND, spaceId));
        return jdbc.sql("SELECT space_id FROM booking_space_terms WHERE host_id = :host AND listed FOR UPDATE")
                .param("host", hostId.value())
                .query((rs, n) -> SpaceId.of(rs.getString("space_id")))
                .list();
    }

    public void list(SpaceId spaceId, boolean listed) {
        locks.beforeWriting(LOCK_KIND, spaceId.value());
        jdbc.sql("UPDATE booking_space_terms SET listed = :listed WHERE space_id = :space")
                .param("space", spaceId.value())
                .param("listed", listed)
                .update();
    }

    /**
     * The terms of a space that can be booked: SPACE_NOT_FOUND when there is none, SPACE_UNLISTED when its
     * host took it out of the list. Read FOR SHARE, so a revision or an unlisting in flight is waited for.
     */
    public Terms termsOrRefuse(SpaceId spaceId) {
        locks.beforeReading(LOCK_KIND, spaceId.value());
        Terms terms = jdbc.sql("SELECT * FROM booking_space_terms WHERE space_id = :space FOR SHARE")
                .param("space", spaceId.value())
                .query(SpaceTerms::map)
                .optional()
                .orElseThrow(
                        () -> new BusinessException(BookingError.SPACE_NOT_FOUND, "There is no space %s", spaceId));
        if (!terms.listed()) {
            throw new BusinessException(
                    BookingError.SPACE_UNLISTED, "Space %s is not listed by its host and cannot be booked", spaceId);
        }
        return terms;
    }

    private static Terms map(ResultSet rs, int row) throws SQLException {
        return new Terms(
                SpaceId.of(rs.getString("space_id")),
                AccountId.of(rs.getString("host_id")),
                rs.getInt("min_count"),
                rs.getInt("max_count"),
                new SpacePrices(
                        rs.getObject("day_price", Long.class),
                        rs.getObject("night_price", Long.class),
                        rs.getObject("all_day_price", Long.class)),
                rs.getBoolean("listed"));
    }

    /** A space's host, headcount range and prices. */
    public record Terms(
            SpaceId spaceId, AccountId hostId, int minCount, int maxCount, SpacePrices prices, boolean listed) {

        public boolean admits(int headcount) {
            return headcount >= minCount && headcount <= maxCount;
        }
    }
}
