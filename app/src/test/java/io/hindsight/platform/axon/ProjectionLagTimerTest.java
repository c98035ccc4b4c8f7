package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class ProjectionLagTimerTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void anEventIsTimedFromItsCreationToTheCommitOfItsProjection() throws Exception {
        Timer lag = lagAfterHandling(NOW.minusMillis(40));

        assertThat(lag.count()).isEqualTo(1);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isEqualTo(40);
    }

    @Test
    void anEventStampedAheadOfThisNodesClockCountsAsHandledAtOnce() throws Exception {
        Timer lag = lagAfterHandling(NOW.plusSeconds(3));

        assertThat(lag.count()).as("recorded, not dropped as a negative amount").isEqualTo(1);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isZero();
    }

    /** The views' lag timer after one event made at {@code createdAt} was handled and committed {@link #NOW}. */
    private Timer lagAfterHandling(Instant createdAt) throws Exception {
        var interceptor = ProcessorConfiguration.lagOf("views", registry, Clock.fixed(NOW, ZoneOffset.UTC));
        EventMessage<?> event = new GenericEventMessage<>(new GenericMessage<>("an event"), () -> createdAt);
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.executeWithResult(() -> interceptor.handle(unitOfWork, () -> null));
        return registry.get("hindsight.projection.lag")
                .tag("projection", "views")
                .timer();
    }
}
