package io.hindsight.platform.console;

import io.hindsight.projection.admin.ProjectionStatus;
import io.hindsight.projection.admin.ProjectionStatus.ProjectionView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The last ten minutes of this node's command handling and projection lag, sampled every five seconds into
 * a ring buffer so the console can draw them without a metrics server: writes per second and their mean
 * latency from the HTTP server timers of non-GET API requests (each sends one command), and the largest
 * projection lag in events and seconds.
 */
@Component
public class OperationsSampler {

    static final int INTERVAL_SECONDS = 5;
    static final int CAPACITY = 120;
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Logger log = LoggerFactory.getLogger(OperationsSampler.class);

    private final MeterRegistry meters;
    private final ObjectProvider<ProjectionStatus> projections;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private long lastCount = -1;
    private double lastTotalMillis;
    private Instant lastAt;

    public OperationsSampler(MeterRegistry meters, ObjectProvider<ProjectionStatus> projections) {
        this.meters = meters;
        this.projections = projections;
    }

    @Scheduled(fixedRate = INTERVAL_SECONDS * 1000L, initialDelay = INTERVAL_SECONDS * 1000L)
    public synchronized void sample() {
        Instant now = Instant.now();
        long count = 0;
        double totalMillis = 0;
        for (Timer timer : meters.find("http.server.requests").timers()) {
            String uri = timer.getId().getTag("uri");
            if (!READS.contains(timer.getId().getTag("method")) && uri != null && uri.startsWith("/api/")) {
                count += timer.count();
                totalMillis += timer.totalTime(TimeUnit.MILLISECONDS);
            }
        }
        Double writesPerSecond = null;
        Double meanMillis = null;
        if (lastCount >= 0 && count >= lastCount) {
            long writes = count - lastCount;
            double seconds = Math.max(0.001, (now.toEpochMilli() - lastAt.toEpochMilli()) / 1000.0);
            writesPerSecond = writes / seconds;
            meanMillis = writes == 0 ? null : (totalMillis - lastTotalMillis) / writes;
        }
        lastCount = count;
        lastTotalMillis = totalMillis;
        lastAt = now;
        ProjectionView slowest = slowestProjection();
        samples.addLast(new Sample(
                now,
                writesPerSecond,
                meanMillis,
                slowest == null ? null : slowest.lag(),
                slowest == null ? null : slowest.lagSeconds(),
                slowest == null || slowest.lag() == 0 ? null : slowest.name()));
        while (samples.size() > CAPACITY) {
            samples.removeFirst();
        }
    }

    public synchronized List<Sample> recent() {
        return List.copyOf(samples);
    }

    private ProjectionView slowestProjection() {
        ProjectionStatus status = projections.getIfAvailable();
        if (status == null) {
            return null;
        }
        try {
            return status.all().stream()
                    .max(Comparator.comparingLong(ProjectionView::lag).thenComparingLong(ProjectionView::lagSeconds))
                    .orElse(null);
        } catch (RuntimeException e) {
            log.debug("No projection lag sample: {}", e.getMessage());
            return null;
        }
    }

    /** One sample; a null figure was not measurable then (the first sample, no writes, no database). */
    public record Sample(
            Instant at,
            Double writesPerSecond,
            Double writeMeanMillis,
            Long projectionLag,
            Long projectionLagSeconds,
            String laggingProjection) {}
}
