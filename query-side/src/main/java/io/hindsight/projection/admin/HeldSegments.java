package io.hindsight.projection.admin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What each processor works on at this node: its statuses, less those for segments the token table gives to another
 * node or to none. Axon 4.13's pooled processor can keep a status for a segment it no longer holds. A work package
 * writes its status through {@code compute(segment, s -> update(s == null ? first : s))}. When PostgreSQL goes away, a
 * package whose commit failed aborts itself and removes its status; its coordinator, failing next, aborts it once more,
 * and the error it records brings the status back from the package's first one (a replay from the start, on a store
 * that was fresh when the node came up). No package is left to remove it: the processor went on reporting that
 * segment as its own, at position 0, until the node was restarted. The read-your-writes wait then took the segment's
 * events for ones no node would fold and did not wait for them, {@code /api/admin/projections} showed the projection
 * all its events behind, and the balancer, counting one segment too many, gave away a segment it really held each
 * time it got one. The owners are read once a second, off the read path; a segment claimed since the last read counts
 * as another node's until the next (its stored token stands in for it), and a failed read keeps the last one.
 */
@Component
public class HeldSegments {

    private static final Logger log = LoggerFactory.getLogger(HeldSegments.class);

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final String owner;
    /** Per processor, the segments this node holds in the token table; null until first read (Axon's word stands). */
    private volatile Map<String, Set<Integer>> held;

    public HeldSegments(JdbcClient jdbc, EventProcessingConfiguration processing, TokenOwner owner) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.owner = owner.name();
    }

    /** The processor's statuses for the segments it holds here. */
    public Map<Integer, EventTrackerStatus> statuses(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> reported = processor.processingStatus();
        Map<String, Set<Integer>> snapshot = held;
        if (snapshot == null) {
            return reported;
        }
        Set<Integer> mine = snapshot.getOrDefault(processor.getName(), Set.of());
        Map<Integer, EventTrackerStatus> statuses = new HashMap<>();
        reported.forEach((segment, status) -> {
            if (mine.contains(segment)) {
                statuses.put(segment, status);
            }
        });
        return statuses;
    }

    /** Whether a segment it holds here is replaying. */
    public boolean replaying(StreamingEventProcessor processor) {
        return statuses(processor).values().stream().anyMatch(EventTrackerStatus::isReplaying);
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 0)
    public void readOwners() {
        if (processing.eventProcessors().values().stream().noneMatch(StreamingEventProcessor.class::isInstance)) {
            return;
        }
        try {
            Map<String, Set<Integer>> read = new HashMap<>();
            jdbc.sql("SELECT processor_name, segment FROM token_entry WHERE owner = :owner")
                    .param("owner", owner)
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
                    .list()
                    .forEach(row -> read.computeIfAbsent(row.getKey(), k -> new HashSet<>())
                            .add(row.getValue()));
            held = read.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        } catch (RuntimeException e) {
            log.debug("Kept the last read of the segments held here: {}", e.toString());
        }
    }
}
