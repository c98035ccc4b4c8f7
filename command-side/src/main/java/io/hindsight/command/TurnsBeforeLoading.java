package io.hindsight.command;

import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes a command declared {@link TakingTurns} wait, in its own transaction and before its aggregate is loaded, until
 * the commands to that aggregate ahead of it on any node have committed. PostgreSQL's advisory locks queue in order,
 * so each such command is decided on its predecessor's state and appends without losing a race. A command sent by
 * another command waits for nothing here: its sender took the turn it needed, and a second lock taken in the middle
 * of a transaction could close a cycle with the locks its sender holds.
 */
@CommandRole
@Component
class TurnsBeforeLoading implements MessageHandlerInterceptor<CommandMessage<?>>, SmartInitializingSingleton {

    private final CommandBus commandBus;
    private final WriterFirstLocks locks;
    private final List<TakingTurns<?>> turnTakers;

    TurnsBeforeLoading(CommandBus commandBus, WriterFirstLocks locks, List<TakingTurns<?>> turnTakers) {
        this.commandBus = commandBus;
        this.locks = locks;
        this.turnTakers = turnTakers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // registered after the bus's own transaction interceptor, so the lock is the command transaction's
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.parent().isEmpty()) {
            Object command = unitOfWork.getMessage().getPayload();
            for (TakingTurns<?> turns : turnTakers) {
                turns.aggregateOf(command).ifPresent(id -> locks.beforeWriting(turns.kind() + "-turn", id));
            }
        }
        return chain.proceed();
    }
}
