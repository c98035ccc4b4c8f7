package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.support.HindsightProcess;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

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
