package io.hindsight.command;

import io.hindsight.common.MetadataKeys;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Sends commands and waits for their outcome. The actor and correlation id are added by the dispatch
 * interceptor from the current request; {@link #sendAs} names the actor where there is no caller yet.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final Turns turns;
    private final TurnQueues queues;

    public Commands(CommandGateway gateway, Turns turns, TurnQueues queues) {
        this.gateway = gateway;
        this.turns = turns;
        this.queues = queues;
    }

    public <R> R send(Object command) {
        return inTurn(command, () -> gateway.sendAndWait(command));
    }

    public <R> R sendAs(String actorId, Object command) {
        return inTurn(
                command,
                () -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Map.of(MetadataKeys.ACTOR_ID, actorId))));
    }

    /** A command sent by another runs in its sender's transaction, which took the turns it needed. */
    private <R> R inTurn(Object command, Supplier<R> send) {
        if (CurrentUnitOfWork.isStarted()) {
            return send.get();
        }
        List<Turns.Turn> needed = turns.of(command);
        if (needed.isEmpty()) {
            return send.get();
        }
        try (TurnQueues.Place place = queues.enter(needed)) {
            return send.get();
        }
    }
}
