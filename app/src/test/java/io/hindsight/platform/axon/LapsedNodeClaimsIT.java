package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.platform.axon.LapsedNodeClaims.FreedClaim;
import io.hindsight.projection.admin.TokenOwner;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Which claims of other query nodes this one frees: only those of a node that went silent in Redis and in the table. */
class LapsedNodeClaimsIT extends IntegrationTest {

    private static final Duration LAPSE = SegmentBalancer.LAPSES_AFTER;

    private final String processor = "lapsed-claims-probe-" + UUID.randomUUID();
    private final String elsewhere = "lapsed-claims-elsewhere-" + UUID.randomUUID();

    @Autowired
    LapsedNodeClaims lapsedNodeClaims;

    @Autowired
    TokenOwner self;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void removeTheProbeTokens() {
        jdbc.sql("DELETE FROM token_entry WHERE processor_name IN (:names)")
                .param("names", List.of(processor, elsewhere))
                .update();
    }

    @Test
    void freesOnlyTheClaimsOfAnUnannouncedNodeThatWentUnrenewedForTheLapse() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant stale = now.minus(LAPSE).minusSeconds(5);
        claim(processor, 0, "dead-node", stale);
        claim(processor, 1, "dead-node", now.minusMillis(500));
        claim(processor, 2, "announced-node", stale);
        claim(processor, 3, self.name(), stale);
        claim(processor, 4, null, stale);
        claim(elsewhere, 0, "dead-node", stale);

        List<FreedClaim> freed = lapsedNodeClaims.free(Set.of(processor), Set.of("announced-node"), now.minus(LAPSE));

        assertThat(freed).containsExactly(new FreedClaim(processor, 0, "dead-node"));
        assertThat(owners(processor))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        0, "-",
                        1, "dead-node",
                        2, "announced-node",
                        3, self.name(),
                        4, "-"));
        assertThat(owners(elsewhere)).containsExactlyEntriesOf(Map.of(0, "dead-node"));
    }

    @Test
    void cannotFreeAClaimRenewedBetweenItsReadAndItsRelease() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        claim(processor, 0, "dead-node", now.minus(LAPSE).minusSeconds(5));

        List<FreedClaim> freed;
        try (HeldTransaction renewal = HeldTransaction.open(
                transactions,
                () -> jdbc.sql("UPDATE token_entry SET time_stamp = :renewed"
                                + " WHERE processor_name = :processor AND segment = 0")
                        .param("renewed", now.toString())
                        .param("processor", processor)
                        .update())) {
            CompletableFuture<List<FreedClaim>> freeing = CompletableFuture.supplyAsync(
                    () -> lapsedNodeClaims.free(Set.of(processor), Set.of(), now.minus(LAPSE)));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> freeing.isDone() || HeldTransaction.lockWaitsOn(jdbc, "SET owner = NULL WHERE") > 0);
            renewal.commit();
            freed = freeing.get(20, TimeUnit.SECONDS);
        }

        assertThat(freed).isEmpty();
        assertThat(owners(processor)).containsExactlyEntriesOf(Map.of(0, "dead-node"));
    }

    private void claim(String name, int segment, String owner, Instant renewedAt) {
        jdbc.sql("INSERT INTO token_entry (processor_name, segment, owner, time_stamp) VALUES (:name, :segment, :owner,"
                        + " :renewedAt)")
                .param("name", name)
                .param("segment", segment)
                .param("owner", owner)
                .param("renewedAt", renewedAt.toString())
                .update();
    }

    private Map<Integer, String> owners(String name) {
        Map<Integer, String> owners = new HashMap<>();
        jdbc.sql("SELECT segment, coalesce(owner, '-') FROM token_entry WHERE processor_name = :name")
                .param("name", name)
                .query((rs, n) -> owners.put(rs.getInt(1), rs.getString(2)))
                .list();
        return owners;
    }
}
