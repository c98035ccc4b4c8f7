package io.hindsight.account.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/** Reads {@link AccountSignedUp} revision 1, whose sign-up method was stored as {@code method}. */
public class AccountSignedUpUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(AccountSignedUp.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(AccountSignedUp.class.getName(), "2"), JsonNode.class, payload -> {
                    ObjectNode event = (ObjectNode) payload;
                    event.set("signUpMethod", event.remove("method"));
                    return event;
                });
    }
}
