package io.hindsight.platform.axon;

import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.MetadataKeys;
import io.hindsight.platform.web.CorrelationIdFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who did it and as part of which request: every command is stamped with the caller as actor and the
 * request's correlation id (a command sent while another message is handled inherits both from it), and every event it causes inherits both plus the command's id as causation.
 * The gateway sends again a command that lost a race ({@link LostRaceRetryScheduler}).
 */
@Configuration(proxyBeanMethods = false)
public class MessageMetadataConfiguration {

    @Bean
    public MessageDispatchInterceptor<CommandMessage<?>> actorAndCorrelationStamp() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    Map<String, Object> missing = new HashMap<>();
                    Map<String, ?> handling = handlingNow();
                    if (!command.getMetaData().containsKey(MetadataKeys.ACTOR_ID)) {
                        Object actor = handling.get(MetadataKeys.ACTOR_ID);
                        if (actor != null) {
                            missing.put(MetadataKeys.ACTOR_ID, actor);
                        } else {
                            missing.putAll(caller());
                        }
                    }
                    if (!command.getMetaData().containsKey(MetadataKeys.CORRELATION_ID)) {
                        String correlationId = handling.get(MetadataKeys.CORRELATION_ID) instanceof String handled
                                ? handled
                                : CorrelationIdFilter.current();
                        missing.put(
                                MetadataKeys.CORRELATION_ID,
                                correlationId != null
                                        ? correlationId
                                        : UUID.randomUUID().toString());
                    }
                    return missing.isEmpty() ? command : command.andMetaData(missing);
                };
            }
        };
    }

    @Bean
    public CorrelationDataProvider actorCorrelationAndCausation() {
        return message -> {
            Map<String, Object> data = new HashMap<>();
            copy(message.getMetaData(), MetadataKeys.ACTOR_ID, data);
            copy(message.getMetaData(), MetadataKeys.CORRELATION_ID, data);
            data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
            return data;
        };
    }

    @Bean
    public LostRaceRetryScheduler lostRaceRetryScheduler() {
        return new LostRaceRetryScheduler();
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, LostRaceRetryScheduler lostRaceRetryScheduler) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(lostRaceRetryScheduler)
                .build();
    }

    private static void copy(Map<String, ?> from, String key, Map<String, Object> to) {
        Object value = from.get(key);
        if (value != null) {
            to.put(key, value);
        }
    }

    /**
     * The metadata of the message being handled on this thread: a command sent while handling another (a
     * funding holding money in the ledger) or a deadline acts for the same actor in the same request.
     */
    private static Map<String, ?> handlingNow() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Map.of();
        }
        return CurrentUnitOfWork.get().getMessage().getMetaData();
    }

    /** The request's caller, and when the token it was let in with was issued; "anonymous" without one. */
    private static Map<String, Object> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedAccount account) {
            return Map.of(
                    MetadataKeys.ACTOR_ID,
                    account.accountId().value(),
                    MetadataKeys.ACTOR_TOKEN_ISSUED_AT,
                    account.tokenIssuedAt().toEpochMilli());
        }
        return Map.of(MetadataKeys.ACTOR_ID, "anonymous");
    }
}
