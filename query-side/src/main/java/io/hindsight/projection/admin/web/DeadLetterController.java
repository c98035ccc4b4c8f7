package io.hindsight.projection.admin.web;

import io.hindsight.projection.admin.DeadLetters;
import io.hindsight.projection.admin.DeadLetters.DeadLetterView;
import io.hindsight.projection.admin.DeadLetters.RetryOutcome;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@RequestMapping("/api/admin/dead-letters")
@PreAuthorize("hasRole('ADMIN')")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public Page<DeadLetterView> list(
            @RequestParam(required = false) String projection,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return deadLetters.list(projection, Paging.of(offset, limit));
    }

    @PostMapping("/{id}/retry")
    public RetryOutcome retry(@PathVariable String id) {
        return deadLetters.retry(id);
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> evict(@PathVariable String id) {
        deadLetters.evict(id);
        return ResponseEntity.noContent().build();
    }
}
