package io.hindsight.booking.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.SpaceId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
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
    private final EventStore events;

    public SpaceLikers(JdbcClient jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.events = events;
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

    /**
     * Refuses, as a lost race, a count from a space loaded before a like of the same member committed on another node:
     * that like's row is why this one changed nothing, so the count must include it. Sent again, the command loads the
     * space with that like and answers its count.
     */
    public void refuseCountMissingALike(SpaceId space, Long loadedVersion) {
        long stored = events.lastSequenceNumberFor(space.value()).orElse(-1L);
        if (loadedVersion != null && stored > loadedVersion) {
            throw new ConcurrencyException(
                    "Space " + space + " changed at sequence " + stored + " after it was loaded at " + loadedVersion);
        }
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
