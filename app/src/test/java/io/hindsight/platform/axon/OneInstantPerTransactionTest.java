package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class OneInstantPerTransactionTest {

    private final Instant first = Instant.parse("2026-12-02T18:20:13.866Z");
    private final Instant last = Instant.parse("2026-12-02T18:20:13.867Z");
    private final List<Set<String>> restamped = new ArrayList<>();
    private final OneInstantPerTransaction interceptor = new OneInstantPerTransaction(restamped::add);

    private static DomainEventMessage<String> event(String aggregate, long sequence, String payload, Instant at) {
        return new GenericDomainEventMessage<>(
                "Cart", aggregate, sequence, payload, Map.of("correlationId", "c-1"), "id-" + payload, at);
    }

    private static List<EventMessage<?>> applied(List<EventMessage<?>> events, OneInstantPerTransaction interceptor) {
        BiFunction<Integer, EventMessage<?>, EventMessage<?>> stamp = interceptor.handle(events);
        List<EventMessage<?>> stamped = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            stamped.add(stamp.apply(i, events.get(i)));
        }
        return stamped;
    }

    @Test
    void stampsEveryEventOfATransactionWithItsLatestInstantKeepingAllElse() {
        List<EventMessage<?>> stamped = applied(
                List.of(event("cart-1", 3, "CartCheckedOut", first), event("receipt-1", 0, "ReceiptIssued", last)),
                interceptor);

        assertThat(stamped).extracting(EventMessage::getTimestamp).containsExactly(last, last);
        DomainEventMessage<?> closed = (DomainEventMessage<?>) stamped.get(0);
        assertThat(closed.getIdentifier()).isEqualTo("id-CartCheckedOut");
        assertThat(closed.getAggregateIdentifier()).isEqualTo("cart-1");
        assertThat(closed.getSequenceNumber()).isEqualTo(3);
        assertThat(closed.getType()).isEqualTo("Cart");
        assertThat(closed.getPayload()).isEqualTo("CartCheckedOut");
        assertThat(closed.getMetaData()).containsEntry("correlationId", "c-1");
    }

    @Test
    void namesTheAggregatesWhoseEventsMovedOnceTheTransactionCommitted() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        applied(
                List.of(event("cart-1", 3, "CartCheckedOut", first), event("receipt-1", 0, "ReceiptIssued", last)),
                interceptor);
        assertThat(restamped).isEmpty();

        unitOfWork.commit();

        assertThat(restamped).containsExactly(Set.of("cart-1"));
    }

    @Test
    void leavesATransactionOfOneInstantAsItIs() {
        List<EventMessage<?>> events =
                List.of(event("cart-1", 3, "CartCheckedOut", last), event("receipt-1", 0, "ReceiptIssued", last));

        assertThat(applied(events, interceptor)).containsExactlyElementsOf(events);
        assertThat(restamped).isEmpty();
    }
}
