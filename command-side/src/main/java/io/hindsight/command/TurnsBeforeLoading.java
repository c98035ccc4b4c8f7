package io.hindsight.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes a command declared {@link TakingTurns} wait, in its own transaction and before its aggregate is loaded, until
 * the commands to that aggregate ahead of it on any node have committed. PostgreSQL's advisory locks queue in order,
 * so each such command is decided on its predecessor's state and appends without losing a race. A command sent by
 * another command waits for nothing here: its sender took the turns it needed before it started ({@link TakingTurns}
 * lets it name them), and a lock taken in the middle of a transaction could close a cycle with the locks the sender
 * holds by then. On its own node a command has waited already, without a connection ({@link TurnQueues}). A deadline
 * handled by such an aggregate (a campaign's end) waits for its turn the same way: it settles every hold, and ran into
 * a resignation settling the publisher's other campaigns, each waiting for what the other held.
 */
@CommandRole
@Component
class TurnsBeforeLoading implements MessageHandlerInterceptor<Message<?>>, SmartInitializingSingleton {

    private final CommandBus commandBus;
    private final ObjectProvider<DeadlineManager> deadlines;
    private final WriterFirstLocks locks;
    private final Turns turns;

    TurnsBeforeLoading(
            CommandBus commandBus, ObjectProvider<DeadlineManager> deadlines, WriterFirstLocks locks, Turns turns) {
        this.commandBus = commandBus;
        this.deadlines = deadlines;
        this.locks = locks;
        this.turns = turns;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // each runs its handler interceptors inside the transaction it starts, before the aggregate is loaded
        commandBus.registerHandlerInterceptor(this);
        deadlines.ifAvailable(manager -> manager.registerHandlerInterceptor(this));
    }

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.parent().isEmpty()) {
            turns.of(unitOfWork.getMessage().getPayload())
                    .forEach(turn -> locks.beforeWriting(turn.kind(), turn.aggregateId()));
        }
        return chain.proceed();
    }
}
