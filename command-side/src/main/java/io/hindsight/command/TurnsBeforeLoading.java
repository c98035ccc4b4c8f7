package io.hindsight.command;

import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
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
 * another command waits for nothing here: its sender took the turns it needed before it started ({@link TakingTurns}
 * lets it name them), and a lock taken in the middle of a transaction could close a cycle with the locks the sender
 * holds by then.
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
            // in one order, so that two commands taking several cannot each hold a turn the other waits for
            SortedSet<Turn> turns =
                    new TreeSet<>(Comparator.comparing(Turn::kind).thenComparing(Turn::aggregateId));
            for (TakingTurns<?> taker : turnTakers) {
                taker.aggregatesOf(command).forEach(id -> turns.add(new Turn(taker.kind() + "-turn", id)));
            }
            turns.forEach(turn -> locks.beforeWriting(turn.kind(), turn.aggregateId()));
        }
        return chain.proceed();
    }

    private record Turn(String kind, String aggregateId) {}
}
