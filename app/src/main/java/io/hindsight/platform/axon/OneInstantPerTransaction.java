package io.hindsight.platform.axon;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Stamps all events of one transaction with one instant, the latest of their own. Axon stamps each event as it is
 * applied, so one command's events could lie a millisecond apart - a cart closed at .866 and its receipt issued at
 * .867, a product created on sale at .920 and taken off sale at .921 - and a read as of the first instant saw half of
 * a transaction. The latest, because each event was stamped after the locks its transaction took before applying it,
 * so every event still is. The event bus hands a transaction's events here together, nested commands' included, as
 * the root unit of work prepares its commit.
 *
 * <p>An aggregate that keeps an event's timestamp in its state (an account's sign-up instant) holds the instant it
 * applied; the aggregates whose events were restamped are handed to {@code restamped} after the commit, so a cache
 * can drop them and the next command reloads the stored instants.
 */
final class OneInstantPerTransaction implements MessageDispatchInterceptor<EventMessage<?>> {

    private final Consumer<Set<String>> restamped;

    OneInstantPerTransaction(Consumer<Set<String>> restamped) {
        this.restamped = restamped;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> events) {
        Instant latest = events.stream()
                .map(EventMessage::getTimestamp)
                .max(Comparator.naturalOrder())
                .orElse(null);
        Set<String> moved = events.stream()
                .filter(event -> event instanceof DomainEventMessage<?>
                        && !event.getTimestamp().equals(latest))
                .map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .collect(Collectors.toSet());
        if (!moved.isEmpty() && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> restamped.accept(moved));
        }
        return (index, event) -> stampedAt(event, latest);
    }

    static <T> EventMessage<T> stampedAt(EventMessage<T> event, Instant instant) {
        if (event.getTimestamp().equals(instant)) {
            return event;
        }
        if (event instanceof DomainEventMessage<T> domain) {
            return new GenericDomainEventMessage<>(
                    domain.getType(), domain.getAggregateIdentifier(), domain.getSequenceNumber(), domain, instant);
        }
        return new GenericEventMessage<>(event, () -> instant);
    }
}
