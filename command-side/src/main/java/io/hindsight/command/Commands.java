package io.hindsight.command;

import io.hindsight.common.MetadataKeys;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends commands and waits for their outcome. The actor and correlation id are added by the dispatch
 * interceptor from the current request; {@link #sendAs} names the actor where there is no caller yet.
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        return gateway.sendAndWait(command);
    }

    public <R> R sendAs(String actorId, Object command) {
        return gateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(MetadataKeys.ACTOR_ID, actorId)));
    }
}
