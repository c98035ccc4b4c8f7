package io.hindsight.audit.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.audit.AuditTrail;
import io.hindsight.audit.AuditTrail.AuditedEvent;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    public AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * Every event of the aggregate in order, with who, when, why, and the view fields it changed; with {@code offset}
     * or {@code limit}, a page of them by sequence (a page shorter than {@code limit} is the last).
     */
    @GetMapping("/events")
    public List<AuditedEvent> events(
            @PathVariable String aggregateId,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        if (offset == null && limit == null) {
            return audit.eventsOf(aggregateId);
        }
        return audit.eventsOf(aggregateId, Paging.of(offset, limit == null ? Paging.MAX_LIMIT : limit));
    }

    /**
     * Each view of the aggregate as it stood at {@code asOf}; without it, after every event, also one stamped ahead of
     * this node's clock (another node's clock runs ahead, or this one was set back).
     */
    @GetMapping("/state")
    public Map<String, JsonNode> state(@PathVariable String aggregateId, @RequestParam(required = false) Instant asOf) {
        return audit.stateAsOf(aggregateId, asOf);
    }
}
