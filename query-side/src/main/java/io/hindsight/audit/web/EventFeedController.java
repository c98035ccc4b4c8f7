package io.hindsight.audit.web;

import io.hindsight.audit.EventFeed;
import io.hindsight.audit.EventFeed.FeedPage;
import io.hindsight.audit.EventTypeNames;
import io.hindsight.audit.FeedStreams;
import io.hindsight.audit.ResumePositions;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The analytics feed: every event after a position, as pages or as a live server-sent event tail. */
@QueryRole
@RestController
@RequestMapping("/api/events")
@PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
public class EventFeedController {

    private final EventFeed feed;
    private final FeedStreams streams;
    private final ResumePositions positions;
    private final EventTypeNames eventTypes;

    public EventFeedController(
            EventFeed feed, FeedStreams streams, ResumePositions positions, EventTypeNames eventTypes) {
        this.feed = feed;
        this.streams = streams;
        this.positions = positions;
        this.eventTypes = eventTypes;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public FeedPage page(
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String types) {
        return feed.after(
                positions.checked(after),
                Paging.of(0, limit == null ? 100 : limit).limit(),
                typeSet(types));
    }

    /** Where the feed ends now, to start a tail with only recent events. */
    @GetMapping(path = "/head", produces = MediaType.APPLICATION_JSON_VALUE)
    public FeedHead head() {
        return new FeedHead(feed.head());
    }

    public record FeedHead(long position) {}

    @GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter tail(
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(required = false) String types,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId)
            throws IOException {
        return streams.open(positions.resumeAfter(lastEventId, after), typeSet(types));
    }

    private Set<String> typeSet(String types) {
        if (types == null || types.isBlank()) {
            return Set.of();
        }
        return eventTypes.payloadTypesOf(Arrays.stream(types.split(","))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .collect(Collectors.toSet()));
    }
}
