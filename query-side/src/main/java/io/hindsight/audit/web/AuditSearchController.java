package io.hindsight.audit.web;

import io.hindsight.audit.AuditSearch;
import io.hindsight.audit.AuditSearch.SearchHit;
import io.hindsight.audit.CorrelationProjection;
import io.hindsight.audit.CorrelationTrail;
import io.hindsight.audit.CorrelationTrail.Correlated;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.QueryRole;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Finding objects to audit, and everything one request caused. */
@QueryRole
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
public class AuditSearchController {

    private final AuditSearch search;
    private final CorrelationTrail correlations;

    public AuditSearchController(AuditSearch search, CorrelationTrail correlations) {
        this.search = search;
        this.correlations = correlations;
    }

    /** Objects whose id, email, name or number matches {@code q}, and the objects of the accounts found. */
    @GetMapping("/search")
    public List<SearchHit> search(@RequestParam(required = false) String q) {
        return search.search(q);
    }

    /** Every event recorded with this correlation id, across aggregates, in global order. */
    @ReadsProjection(CorrelationProjection.NAME)
    @GetMapping("/correlations/{correlationId}")
    public Correlated correlation(@PathVariable String correlationId) {
        return correlations.eventsOf(correlationId);
    }
}
