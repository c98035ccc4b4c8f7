package io.hindsight.booking;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpacePrices;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The command-owned copy of what a booking must respect about its space (host, headcount range, prices),
 * written in the same transaction as the space's registration. Slots read it; the command side never
 * reads the query side's space view.
 */
@Repository
public class SpaceTerms {

    private final JdbcClient jdbc;

    public SpaceTerms(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    public Optional<Terms> find(SpaceId spaceId) {
        return jdbc.sql("SELECT * FROM booking_space_terms WHERE space_id = :space")
                .param("space", spaceId.value())
                .query(SpaceTerms::map)
                .optional();
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
                        rs.getObject("all_day_price", Long.class)));
    }

    /** A space's host, headcount range and prices. */
    public record Terms(SpaceId spaceId, AccountId hostId, int minCount, int maxCount, SpacePrices prices) {

        public boolean admits(int headcount) {
            return headcount >= minCount && headcount <= maxCount;
        }
    }
}
