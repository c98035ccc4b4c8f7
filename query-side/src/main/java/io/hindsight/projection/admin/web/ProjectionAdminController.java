package io.hindsight.projection.admin.web;

import io.hindsight.projection.admin.ProjectionReplay;
import io.hindsight.projection.admin.ProjectionStatus;
import io.hindsight.projection.admin.ProjectionStatus.ProjectionView;
import io.hindsight.projection.admin.ReplayStatus;
import io.hindsight.query.QueryRole;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@RequestMapping("/api/admin/projections")
@PreAuthorize("hasRole('ADMIN')")
public class ProjectionAdminController {

    private final ProjectionStatus status;
    private final ProjectionReplay rebuilder;

    public ProjectionAdminController(ProjectionStatus status, ProjectionReplay rebuilder) {
        this.status = status;
        this.rebuilder = rebuilder;
    }

    @GetMapping
    public List<ProjectionView> list() {
        return status.all();
    }

    /** Rebuilds the projection from the first event and verifies it; follow progress at the Location. */
    @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
    @PostMapping("/{name}/replay")
    public ResponseEntity<ReplayStatus> replay(@PathVariable String name) {
        ReplayStatus started = rebuilder.start(name);
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/projections/" + name + "/replay"))
                .body(started);
    }

    @GetMapping("/{name}/replay")
    public ReplayStatus replayStatus(@PathVariable String name) {
        return rebuilder.status(name);
    }
}
