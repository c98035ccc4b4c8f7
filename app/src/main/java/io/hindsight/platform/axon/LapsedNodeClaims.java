package io.hindsight.platform.axon;

import io.hindsight.projection.admin.TokenOwner;
import io.hindsight.query.QueryRole;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Frees the segment claims of query nodes that no longer announce themselves. Axon takes over a dead node's
 * segment only once its claim times out and the next coordinator round after that comes: the renewal's age
 * (up to a threshold plus a round), the timeout and up to two rounds added up past 10 s under load in CI. A node
 * whose announcement lapsed and whose claim has not been renewed for as long is dead or cut off from Redis; its
 * claim is freed here for any node to take at once. The claim itself stays the arbiter: the release only goes
 * ahead while the row still carries the owner and renewal seen, and a node that was alive after all loses the
 * segment at its next renewal and its open batch with it, as it would when its claim timed out.
 */
@QueryRole
@Component
public class LapsedNodeClaims {

    /** A claim freed here. */
    public record FreedClaim(String processor, int segment, String owner) {}

    private record Claim(String processor, int segment, String owner, String renewedAt) {}

    private final JdbcClient jdbc;
    private final String self;

    public LapsedNodeClaims(JdbcClient jdbc, TokenOwner owner) {
        this.jdbc = jdbc;
        this.self = owner.name();
    }

    /** Frees the claims, among the processors named, of owners not announced and not renewed since the instant. */
    public List<FreedClaim> free(Set<String> processors, Set<String> announced, Instant notRenewedSince) {
        return jdbc
                .sql("SELECT processor_name, segment, owner, time_stamp FROM token_entry"
                        + " WHERE owner IS NOT NULL AND owner <> :self")
                .param("self", self)
                .query((rs, n) -> new Claim(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
                .list()
                .stream()
                .filter(claim -> processors.contains(claim.processor()) && !announced.contains(claim.owner()))
                .filter(claim -> renewedBefore(claim, notRenewedSince))
                .filter(this::freed)
                .map(claim -> new FreedClaim(claim.processor(), claim.segment(), claim.owner()))
                .toList();
    }

    private static boolean renewedBefore(Claim claim, Instant instant) {
        try {
            return claim.renewedAt() != null && Instant.parse(claim.renewedAt()).isBefore(instant);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private boolean freed(Claim claim) {
        return jdbc.sql("UPDATE token_entry SET owner = NULL WHERE processor_name = :processor AND segment = :segment"
                                + " AND owner = :owner AND time_stamp = :renewedAt")
                        .param("processor", claim.processor())
                        .param("segment", claim.segment())
                        .param("owner", claim.owner())
                        .param("renewedAt", claim.renewedAt())
                        .update()
                == 1;
    }
}
