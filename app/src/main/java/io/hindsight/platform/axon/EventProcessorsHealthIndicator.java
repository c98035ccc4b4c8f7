package io.hindsight.platform.axon;

import io.hindsight.projection.admin.HeldSegments;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Health of the projection processors: DOWN when one has stopped or is in error. */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final HeldSegments held;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, HeldSegments held) {
        this.processing = processing;
        this.held = held;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean healthy = true;
        for (EventProcessor processor : processing.eventProcessors().values()) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("running", processor.isRunning());
            status.put("error", processor.isError());
            if (processor instanceof StreamingEventProcessor streaming) {
                status.put("claimedSegments", held.statuses(streaming).size());
                status.put("replaying", held.replaying(streaming));
            }
            healthy &= processor.isRunning() && !processor.isError();
            details.put(processor.getName(), status);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
