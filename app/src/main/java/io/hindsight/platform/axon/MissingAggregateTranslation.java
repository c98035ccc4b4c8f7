package io.hindsight.platform.axon;

import io.hindsight.common.ToExistingAggregate;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The one place where "no such aggregate" becomes the context's own refusal (CART_NOT_FOUND,
 * BOOKING_NOT_FOUND, ...): each aggregate's commands declare it through {@link ToExistingAggregate}.
 * Every command handled by an existing aggregate declares it (ArchitectureTest checks).
 */
@Component
public class MissingAggregateTranslation implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException notFound) {
            if (unitOfWork.getMessage().getPayload() instanceof ToExistingAggregate command) {
                throw command.notFound();
            }
            throw notFound;
        }
    }
}
