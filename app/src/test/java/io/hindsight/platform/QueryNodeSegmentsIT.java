package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.ledger.LedgerSteps;
import io.hindsight.projection.admin.HeldSegments;
import io.hindsight.projection.admin.ProjectionCatchUp;
import io.hindsight.projection.admin.TrackingTokens;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.HindsightProcess;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two query nodes share every projection's segments (Axon 4 does not rebalance by itself; SegmentBalancer does),
 * and a query node killed with -9 has its segments taken over within 10 s. The second node is a JVM of its own
 * on the shared PostgreSQL and Redis, so it can be killed as an operator's node dies.
 */
class QueryNodeSegmentsIT extends IntegrationTest {

    private static final String UNCLAIMED = "unclaimed";

    @Autowired
    Environment environment;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackingTokens tokens;

    @Autowired
    ProjectionCatchUp catchUp;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    HeldSegments heldSegments;

    @Test
    void canShareEverySegmentWithAnotherQueryNodeAndTakeOverWhenItIsKilled() throws Exception {
        Path log = Files.createTempFile("query-node", ".log");
        Process node = startQueryNode(log);
        try {
            HindsightProcess.awaitPort(log);
            String killed = node.pid() + "@";

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(ownersByProcessor())
                            .allSatisfy((processor, owners) -> assertThat(owners)
                                    .as("owners of %s's segments", processor)
                                    .hasSize(2)
                                    .doesNotContain(UNCLAIMED)
                                    .anyMatch(owner -> owner.startsWith(killed))));
            aStatusAxonLeftForASegmentTheOtherNodeHoldsCountsForNothingHere(killed);
            readsShowEachWriteAtOnceWhileTheOtherNodeFoldsPartOfIt();

            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long killedAt = System.nanoTime();

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(ownersByProcessor())
                            .allSatisfy((processor, owners) -> assertThat(owners)
                                    .as("owners of %s's segments", processor)
                                    .hasSize(1)
                                    .doesNotContain(UNCLAIMED)
                                    .noneMatch(owner -> owner.startsWith(killed))));
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(10));
        } finally {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Axon 4.13 can leave a processor a status for a segment it no longer holds (HeldSegments says how): after a
     * PostgreSQL outage in the cluster drill, a query node reported another node's segment as its own at position 0,
     * marked replaying and failed. It is put back here as Axon leaves it, on the accounts projection. What this node
     * does then goes by the token table: the health does not count the segment, {@code /api/admin/projections} shows
     * the position the other node stored, and a read waits for that node to fold an account of that segment (the
     * phantom's failed state had it taken for one no node would fold). The balancer's part is SegmentBalancerTest's.
     */
    private void aStatusAxonLeftForASegmentTheOtherNodeHoldsCountsForNothingHere(String other) throws Exception {
        String name = "accounts";
        PooledStreamingEventProcessor processor = processing
                .eventProcessor(name, PooledStreamingEventProcessor.class)
                .orElseThrow();
        // the balancer may still be moving segments (once a CI run moved the chosen one here mid-step, so the phantom
        // stood for a segment really held here): wait for an even split that this node's every view agrees on
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<TrackingTokens.StoredSegment> stored = tokens.segments(name);
            Set<Integer> mine = stored.stream()
                    .filter(segment ->
                            segment.owner() != null && !segment.owner().startsWith(other))
                    .map(TrackingTokens.StoredSegment::segment)
                    .collect(Collectors.toSet());
            assertThat(stored.stream()
                            .filter(segment ->
                                    segment.owner() != null && segment.owner().startsWith(other)))
                    .as("%s's segments held by the other node", name)
                    .hasSize(stored.size() - mine.size());
            assertThat(mine.size())
                    .as("%s's segments held here, of %d", name, stored.size())
                    .isBetween(stored.size() / 2, (stored.size() + 1) / 2);
            assertThat(processor.processingStatus().keySet())
                    .as("%s's segments Axon works on here", name)
                    .isEqualTo(mine);
            assertThat(heldSegments.statuses(processor).keySet())
                    .as("%s's segments held here, by HeldSegments", name)
                    .isEqualTo(mine);
        });
        Map<Integer, String> owners = new TreeMap<>();
        tokens.segments(name).forEach(stored -> owners.put(stored.segment(), stored.owner()));
        int elsewhere = owners.entrySet().stream()
                .filter(owner -> owner.getValue() != null && owner.getValue().startsWith(other))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        int[] segments = owners.keySet().stream().mapToInt(Integer::intValue).toArray();
        Segment phantom = Segment.computeSegment(elsewhere, segments);
        long heldHere = owners.values().stream()
                .filter(owner -> owner != null && !owner.startsWith(other))
                .count();
        Map<Integer, TrackerStatus> statuses = statusesOf(processor);
        statuses.put(
                elsewhere,
                new TrackerStatus(
                                phantom, ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(1, Set.of())))
                        .markError(new IllegalStateException("aborted once more by its failing coordinator")));
        try {
            // alone, this is the app's first request, which can outlast the 2 s the held row may be waited for
            api.signUp("Phantom Segment Warm-up");
            long signedUpAt = -1;
            while (signedUpAt < 0) {
                // the other node folds the witness but cannot store its token (nor its rows) while this is held; each
                // hold stays well under the 2 s a lock is waited for
                try (HeldTransaction tokenRow = HeldTransaction.open(
                        transactions,
                        () -> jdbc.sql("SELECT 1 FROM token_entry WHERE processor_name = :name AND segment = :segment"
                                        + " FOR UPDATE")
                                .param("name", name)
                                .param("segment", elsewhere)
                                .query()
                                .listOfRows())) {
                    Member witness = api.signUp("Phantom Segment Witness");
                    if (phantom.matches(witness.accountId())) {
                        signedUpAt = jdbc.sql("SELECT max(global_index) FROM domain_event_entry"
                                        + " WHERE aggregate_identifier = :id")
                                .param("id", witness.accountId())
                                .query(Long.class)
                                .single();
                        CompletableFuture.runAsync(
                                tokenRow::close, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
                        long waitingFrom = System.nanoTime();
                        catchUp.awaitCommitted(name);
                        // taking the segment for one no node folds, the read went ahead at once, the row still held;
                        // it waits for the other node (at most the read wait, on a slow runner)
                        assertThat(Duration.ofNanos(System.nanoTime() - waitingFrom))
                                .as("how long a read here waited for the other node's segment")
                                .isGreaterThanOrEqualTo(Duration.ofMillis(250));
                    }
                }
            }
            long witnessedAt = signedUpAt;
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(storedPosition(name, elsewhere))
                            .as("the other node's position in %s", name)
                            .isGreaterThanOrEqualTo(witnessedAt));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(api.admin()
                                .request()
                                .get("/actuator/health")
                                .then()
                                .extract()
                                .<Integer>path("components.eventProcessors.details.'" + name + "'.claimedSegments")
                                .longValue())
                        .as("%s's segments held here, by the health", name)
                        .isEqualTo(heldHere);
                long stored = storedPosition(name, elsewhere);
                assertThat(api.admin()
                                .request()
                                .get("/api/admin/projections")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Integer>path("find { it.name == '" + name + "' }.segments.find { it.segment == "
                                        + elsewhere + " }.position")
                                .longValue())
                        .as("%s's segment %d, by /api/admin/projections", name, elsewhere)
                        .isGreaterThanOrEqualTo(stored);
            });
        } finally {
            statuses.remove(elsewhere);
        }
    }

    private long storedPosition(String processor, int segment) {
        return tokens.segments(processor).stream()
                .filter(stored -> stored.segment() == segment)
                .findFirst()
                .orElseThrow()
                .position();
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, TrackerStatus> statusesOf(PooledStreamingEventProcessor processor) throws Exception {
        Field field = PooledStreamingEventProcessor.class.getDeclaredField("processingStatus");
        field.setAccessible(true);
        return (Map<Integer, TrackerStatus>) field.get(processor);
    }

    /**
     * A balance read here waits for the segment the other node folds, which that node's reader would fetch only at its
     * next poll (a second): the waiting reader asks it through Redis to fetch at once.
     */
    private void readsShowEachWriteAtOnceWhileTheOtherNodeFoldsPartOfIt() {
        Member member = api.signUpWithWallet("Reads Beside Two Query Nodes", 0);
        List<Long> waits = new ArrayList<>();
        for (int round = 1; round <= 12; round++) {
            long balance = LedgerSteps.deposit(member, 5);
            long started = System.nanoTime();
            long shown = member.request()
                    .get("/api/wallet?limit=1")
                    .then()
                    .statusCode(200)
                    .extract()
                    .<Number>path("balance")
                    .longValue();
            waits.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertThat(shown).as("balance read after deposit %d", round).isEqualTo(balance);
        }
        Collections.sort(waits);
        // without the request the slowest quarter took 0.7-1 s here (the other node's poll), with it under 0.4 s
        assertThat(waits.get(waits.size() * 3 / 4))
                .as("third quartile in ms, of %s", waits)
                .isLessThan(600);
    }

    /** Every segment's owner, per processor this node runs. */
    private Map<String, Set<String>> ownersByProcessor() {
        Set<String> running = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(EventProcessor::getName)
                .collect(Collectors.toSet());
        List<Map<String, Object>> rows = jdbc.sql("SELECT processor_name, owner FROM token_entry")
                .query()
                .listOfRows();
        return rows.stream()
                .filter(row -> running.contains((String) row.get("processor_name")))
                .collect(Collectors.groupingBy(
                        row -> (String) row.get("processor_name"),
                        Collectors.mapping(
                                row -> row.get("owner") == null ? UNCLAIMED : (String) row.get("owner"),
                                Collectors.toCollection(TreeSet::new))));
    }

    private Process startQueryNode(Path log) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--hindsight.roles=query",
                "--hindsight.data-dir=" + Files.createTempDirectory("hindsight-query-node"),
                "--server.port=0",
                "--server.address=127.0.0.1"));
        SecondNode.sharedProperties(environment).forEach(property -> arguments.add("--" + property));
        return HindsightProcess.launch(log, arguments);
    }
}
