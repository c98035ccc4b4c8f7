package io.hindsight.audit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.audit.AuditTrail;
import io.hindsight.audit.AuditTrail.AuditedEvent;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@RequestMapping("/api/audit/aggregates/{aggregateId}")
@PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
public class AuditController {

    private final AuditTrail audit;
    private final ObjectMapper json;

    public AuditController(AuditTrail audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /**
     * Every event of the aggregate in order, with who, when, why, and the view fields it changed, written as it is
     * audited: it had been built whole first, so 60,000 events of one account passed a proxy's 10 s before the first
     * byte.
     */
    @Operation(hidden = true) // described with the pages below: the same array, every event of it
    @GetMapping(
            value = "/events",
            params = {"!offset", "!limit"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public void events(@PathVariable String aggregateId, HttpServletResponse response) throws IOException {
        StreamedJsonArray array = new StreamedJsonArray(json, response);
        audit.eachEventOf(audit.storedId(aggregateId), array);
        array.end();
    }

    /** A page of the events by sequence; a page shorter than {@code limit} is the last. */
    @Operation(
            summary = "The aggregate's events with who, when, why and the fields each changed",
            description = "Without offset and limit, every event, written as it is audited; with either, a page by"
                    + " sequence (offset the first sequence, limit 1..1000, default 1000).")
    @GetMapping("/events")
    public List<AuditedEvent> eventPage(
            @PathVariable String aggregateId,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return audit.eventsOf(audit.storedId(aggregateId), Paging.of(offset, limit == null ? Paging.MAX_LIMIT : limit));
    }

    /**
     * Each view of the aggregate as it stood at {@code asOf}; without it, after every event, also one stamped ahead of
     * this node's clock (another node's clock runs ahead, or this one was set back).
     */
    @GetMapping("/state")
    public Map<String, JsonNode> state(@PathVariable String aggregateId, @RequestParam(required = false) Instant asOf) {
        return audit.stateAsOf(audit.storedId(aggregateId), asOf);
    }
}
