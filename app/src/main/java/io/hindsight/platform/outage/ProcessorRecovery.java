package io.hindsight.platform.outage;

import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Brings the projections back as soon as PostgreSQL is: Axon's processors back off up to a minute between
 * attempts while the database fails. This probes the database every second and, once it answers again
 * after it did not, restarts this node's processors, which resume from their tokens at once.
 */
@Component
public class ProcessorRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRecovery.class);
    private static final long PROBE_INTERVAL_MILLIS = 1000;

    private final DataSource dataSource;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private ScheduledExecutorService probe;
    private boolean outageSeen;

    public ProcessorRecovery(DataSource dataSource, ObjectProvider<EventProcessingConfiguration> processing) {
        this.dataSource = dataSource;
        this.processing = processing;
    }

    @Override
    public synchronized void start() {
        probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "processor-recovery");
            thread.setDaemon(true);
            return thread;
        });
        probe.scheduleWithFixedDelay(
                this::probeOnce, PROBE_INTERVAL_MILLIS, PROBE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (probe != null) {
            probe.shutdownNow();
            probe = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return probe != null;
    }

    /** Stopped before the processors are, started after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    void probeOnce() {
        if (!databaseAnswers()) {
            if (!outageSeen) {
                log.warn("PostgreSQL does not answer; projections will be restarted once it does");
            }
            outageSeen = true;
            return;
        }
        if (outageSeen) {
            outageSeen = false;
            restartProcessors();
        }
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception unavailable) {
            return false;
        }
    }

    private void restartProcessors() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return;
        }
        for (EventProcessor processor : configuration.eventProcessors().values()) {
            if (!processor.isRunning()) {
                continue;
            }
            try {
                processor.shutdownAsync().get(30, TimeUnit.SECONDS);
                processor.start();
            } catch (Exception e) {
                log.warn("Could not restart processor {} after the outage: {}", processor.getName(), e.toString());
            }
        }
        log.info("PostgreSQL answers again; projections restarted");
    }
}
