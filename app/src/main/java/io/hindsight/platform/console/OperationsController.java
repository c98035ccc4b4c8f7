package io.hindsight.platform.console;

import io.hindsight.platform.console.OperationsSampler.Sample;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
public class OperationsController {

    private final OperationsSampler sampler;

    public OperationsController(OperationsSampler sampler) {
        this.sampler = sampler;
    }

    /** This node's command rate and latency and the largest projection lag over the last ten minutes. */
    @GetMapping("/api/operations/recent")
    public RecentOperations recent() {
        return new RecentOperations(OperationsSampler.INTERVAL_SECONDS, sampler.recent());
    }

    public record RecentOperations(int intervalSeconds, List<Sample> samples) {}
}
