package io.hindsight.projection.admin;

import io.hindsight.query.QueryRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
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
    private static final Duration RELEASE_EVERY = Duration.ofSeconds(1);

    private final StringRedisTemplate redis;
    private final EventProcessingConfiguration processing;
    private final TrackingTokens tokens;
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final Set<String> pausedHere = ConcurrentHashMap.newKeySet();
    private final Set<String> stoppedAtLastPass = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public ProjectionPause(
            StringRedisTemplate redis,
            EventProcessingConfiguration processing,
            TrackingTokens tokens,
            TokenStore tokenStore,
            TransactionManager axonTransactions) {
        this.redis = redis;
        this.processing = processing;
        this.tokens = tokens;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
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
        long nextRelease = System.nanoTime() + RELEASE_EVERY.toNanos();
        while (tokens.claimedSegments(projection) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Projection " + projection + " is still running on another node");
            }
            if (System.nanoTime() > nextRelease) {
                releaseOwnClaims(projection);
                nextRelease = System.nanoTime() + RELEASE_EVERY.toNanos();
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /**
     * Releases the claims this node still holds on a projection it stopped: a processor stopped while the database
     * was away could not release them, and the replay then waited its whole minute for this node's own claims, the
     * projection stopped all the while. The token store releases only claims this node owns.
     */
    private void releaseOwnClaims(String projection) {
        boolean stoppedHere = processing
                .eventProcessor(projection, StreamingEventProcessor.class)
                .map(processor -> !processor.isRunning())
                .orElse(true);
        if (!stoppedHere) {
            return;
        }
        try {
            axonTransactions.executeInTransaction(() -> {
                for (int segment : tokenStore.fetchSegments(projection)) {
                    tokenStore.releaseClaim(projection, segment);
                }
            });
        } catch (RuntimeException e) {
            log.debug("Could not release this node's claims on {}: {}", projection, e.toString());
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
                } else if (!pausedSomewhere) {
                    restartIfStoppedSinceLastTime(name);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not reconcile projection pauses: {}", e.toString());
        }
    }

    /**
     * A processor that is neither paused nor running is started again: one resumed while the database was away
     * failed to start, and nothing started it after, its projection stopped for good. It is started only when it
     * was already stopped at the previous pass, so a processor stopped on purpose for a moment (a token reset) is
     * left alone, and never while the node stops.
     */
    private void restartIfStoppedSinceLastTime(String name) {
        processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(processor -> {
            if (processor.isRunning() || stopping) {
                stoppedAtLastPass.remove(name);
            } else if (!stoppedAtLastPass.add(name)) {
                stoppedAtLastPass.remove(name);
                processor.start();
                log.info("Projection {} was stopped, not paused: started again on this node", name);
            }
        });
    }

    @EventListener(ContextClosedEvent.class)
    public void nodeStops() {
        stopping = true;
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

    /** Not started again while the node stops: a replay abandoned then resumes its projection on the other nodes. */
    private void resumeHere(String projection) {
        processing.eventProcessor(projection, StreamingEventProcessor.class).ifPresent(processor -> {
            pausedHere.remove(projection);
            if (!processor.isRunning() && !stopping) {
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
