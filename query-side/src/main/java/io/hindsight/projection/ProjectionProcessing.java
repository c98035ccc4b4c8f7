package io.hindsight.projection;

import io.hindsight.query.QueryRole;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hooks the projections into Axon: each read model's projector joins the processing group named after it,
 * and the annotated handlers of other projections write in a savepoint when their event is handled on its
 * own (see {@link OneEventAtATime}).
 */
@QueryRole
@Configuration(proxyBeanMethods = false)
public class ProjectionProcessing {

    @Bean
    static ConfigurerModule readModelProjectors(ObjectProvider<ReadModel<?>> readModels) {
        return configurer -> configurer.eventProcessing(processing -> readModels
                .orderedStream()
                .forEach(model -> {
                    processing.registerEventHandler(configuration -> model.projector());
                    processing.assignHandlerInstancesMatching(model.name(), handler -> handler == model.projector());
                }));
    }

    @Bean
    static HandlerEnhancerDefinition projectionHandlersInSavepoints(ObjectProvider<OneEventAtATime> isolation) {
        return new HandlerEnhancerDefinition() {
            @Override
            public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
                if (!Projection.class.isAssignableFrom(original.declaringClass())
                        || original.annotationAttributes(EventHandler.class).isEmpty()) {
                    return original;
                }
                return new WrappedMessageHandlingMember<>(original) {
                    @Override
                    public Object handle(Message<?> message, T target) throws Exception {
                        if (!OneEventAtATime.isolated()) {
                            return super.handle(message, target);
                        }
                        return isolation.getObject().inSavepointRethrowing(() -> super.handle(message, target));
                    }
                };
            }
        };
    }
}
