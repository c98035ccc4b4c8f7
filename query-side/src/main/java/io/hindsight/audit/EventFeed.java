package io.hindsight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.common.MetadataKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * All events in commit-safe order after a position, upcast to their current revision. Only positions
 * up to the {@link FeedHorizon} are served, so a reader never skips an event that commits late.
 */
@Component
public class EventFeed {

    private static final int MAX_SCANNED = 10_000;

    private final EventStorageEngine storageEngine;
    private final FeedHorizon horizon;
    private final ObjectMapper json;

    public EventFeed(EventStorageEngine storageEngine, FeedHorizon horizon, ObjectMapper json) {
        this.storageEngine = storageEngine;
        this.horizon = horizon;
        this.json = json;
    }

    public FeedPage after(long after, int limit, Set<String> types) {
        long safe = horizon.current();
        if (after >= safe) {
            return new FeedPage(List.of(), Math.max(after, -1));
        }
        List<FeedItem> items = new ArrayList<>();
        long next = safe;
        int scanned = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(
                GapAwareTrackingToken.newInstance(after, Collections.emptySortedSet()), false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                long position = event.trackingToken().position().orElseThrow();
                if (position > safe) {
                    break;
                }
                String type = event.getPayloadType().getSimpleName();
                if (types.isEmpty() || types.contains(type)) {
                    items.add(toItem(event, position, type));
                }
                if (items.size() == limit || ++scanned == MAX_SCANNED) {
                    next = position;
                    break;
                }
            }
        }
        return new FeedPage(items, next);
    }

    private FeedItem toItem(TrackedEventMessage<?> event, long position, String type) {
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        return new FeedItem(position,
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getType(),
                domain == null ? null : domain.getSequenceNumber(),
                type,
                event.getTimestamp(),
                (String) event.getMetaData().get(MetadataKeys.ACTOR_ID),
                (String) event.getMetaData().get(MetadataKeys.CORRELATION_ID),
                json.valueToTree(event.getPayload()));
    }

    /** A page of the feed; {@code next} is the position to ask after for the following page. */
    public record FeedPage(List<FeedItem> items, long next) {
    }

    public record FeedItem(long position, String aggregateId, String aggregateType, Long sequence, String type,
                           Instant timestamp, String actorId, String correlationId, JsonNode payload) {
    }
}
