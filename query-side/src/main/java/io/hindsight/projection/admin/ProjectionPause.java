package io.hindsight.projection.admin;

import io.hindsight.query.QueryRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pauses a projection's processor on every query node (Redis pub/sub, plus a key that nodes starting
 * later obey, which expires if the pausing node dies) and tells when no node holds a segment any more.
 * While paused, an interceptor refuses to handle the projection's events, so a node that starts in
 * the middle cannot move it either.
 */
@QueryRole
@Component
public class ProjectionPause implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(ProjectionPause.class);
    private static final String CHANNEL = "hs:projections:control";
    private static final String PAUSED_KEY = "hs:projections:paused:";
    private static final Duration PAUSE_LEASE = Duration.ofMinutes(2);

    private final StringRedisTemplate redis;
    private final EventProcessingConfiguration processing;
    private final TrackingTokens tokens;
    private final Set<String> pausedHere = ConcurrentHashMap.newKeySet();

    public ProjectionPause(StringRedisTemplate redis, EventProcessingConfiguration processing, TrackingTokens tokens) {
        this.redis = redis;
        this.processing = processing;
        this.tokens = tokens;
    }

    @Bean
    static RedisMessageListenerContainer projectionControlListener(
            RedisConnectionFactory connections, ProjectionPause control) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(control, new ChannelTopic(CHANNEL));
        return container;
    }

    @Bean
    static ConfigurerModule refuseEventsOfPausedProjections(ProjectionPause control) {
        return configurer -> configurer.eventProcessing(processing -> processing.registerDefaultHandlerInterceptor(
                (configuration, processorName) -> pausedGuard(control, processorName)));
    }

    private static MessageHandlerInterceptor<org.axonframework.eventhandling.EventMessage<?>> pausedGuard(
            ProjectionPause control, String processorName) {
        return (unitOfWork, chain) -> {
            if (control.isPausedHere(processorName)) {
                throw new ProjectionPausedException(processorName);
            }
            return chain.proceed();
        };
    }

    public boolean isPausedHere(String projection) {
        return pausedHere.contains(projection);
    }

    /** Stops the projection everywhere and returns once no node holds any of its segments. */
    public void pauseEverywhere(String projection, Duration timeout) throws InterruptedException {
        redis.opsForValue().set(PAUSED_KEY + projection, Instant.now().toString(), PAUSE_LEASE);
        redis.convertAndSend(CHANNEL, "pause:" + projection);
        pauseHere(projection);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tokens.claimedSegments(projection) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Projection " + projection + " is still running on another node");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** Keeps the pause alive while a long replay runs. */
    public void extendPause(String projection) {
        redis.expire(PAUSED_KEY + projection, PAUSE_LEASE);
    }

    public void resumeEverywhere(String projection) {
        redis.delete(PAUSED_KEY + projection);
        redis.convertAndSend(CHANNEL, "resume:" + projection);
        resumeHere(projection);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        int colon = body.indexOf(':');
        if (colon < 0) {
            return;
        }
        String projection = body.substring(colon + 1);
        if (body.startsWith("pause:")) {
            pauseHere(projection);
        } else if (body.startsWith("resume:")) {
            resumeHere(projection);
        }
    }

    /** Catches up with pauses announced before this node started, and with leases that ran out. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelay = 5000, initialDelay = 5000)
    public void reconcile() {
        try {
            for (String name : processing.eventProcessors().keySet()) {
                boolean pausedSomewhere = Boolean.TRUE.equals(redis.hasKey(PAUSED_KEY + name));
                if (pausedSomewhere && !pausedHere.contains(name)) {
                    pauseHere(name);
                } else if (!pausedSomewhere && pausedHere.contains(name)) {
                    resumeHere(name);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not reconcile projection pauses: {}", e.toString());
        }
    }

    private void pauseHere(String projection) {
        processing.eventProcessor(projection, StreamingEventProcessor.class).ifPresent(processor -> {
            if (!pausedHere.add(projection) && !processor.isRunning()) {
                return;
            }
            processor.shutdownAsync().join();
            log.info("Projection {} paused on this node", projection);
        });
    }

    private void resumeHere(String projection) {
        processing.eventProcessor(projection, StreamingEventProcessor.class).ifPresent(processor -> {
            pausedHere.remove(projection);
            if (!processor.isRunning()) {
                processor.start();
                log.info("Projection {} resumed on this node", projection);
            }
        });
    }

    /** Thrown instead of handling an event of a paused projection; the processor retries it later. */
    public static final class ProjectionPausedException extends RuntimeException {
        ProjectionPausedException(String projection) {
            super("Projection " + projection + " is paused for a replay");
        }
    }
}
