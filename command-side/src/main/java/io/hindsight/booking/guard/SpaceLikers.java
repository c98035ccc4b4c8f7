package io.hindsight.booking.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.SpaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who likes each space ({@code booking_space_likers}), changed in the transaction of the like event it decides:
 * each user likes a space at most once by this table's key. The space's aggregate keeps only the count, which would
 * otherwise hold every member who ever liked it. Two likes of one user on two nodes meet on the key: the second waits
 * for the first to commit and then finds the row.
 */
@Repository
public class SpaceLikers {

    private final JdbcClient jdbc;

    public SpaceLikers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether {@code account} did not like the space before, and does now. */
    public boolean add(SpaceId space, AccountId account) {
        return jdbc.sql("""
                        INSERT INTO booking_space_likers (space_id, account_id) VALUES (:space, :account)
                        ON CONFLICT DO NOTHING""")
                        .param("space", space.value())
                        .param("account", account.value())
                        .update()
                > 0;
    }

    /** Whether {@code account} liked the space, and no longer does. */
    public boolean remove(SpaceId space, AccountId account) {
        return jdbc.sql("DELETE FROM booking_space_likers WHERE space_id = :space AND account_id = :account")
                        .param("space", space.value())
                        .param("account", account.value())
                        .update()
                > 0;
    }
}
