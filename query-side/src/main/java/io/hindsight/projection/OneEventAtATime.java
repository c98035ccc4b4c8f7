package io.hindsight.projection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps one bad event from stalling a projection. A processor handles a batch of events in one transaction
 * and writes its rows at commit; when that batch fails, the events it held are retried one at a time, each
 * in its own savepoint, so the one that still fails rolls back alone, is dead-lettered with its error, and
 * every other event is applied. Events outside a processor's batch (a dead letter being retried) are
 * always handled this way.
 */
@Component
public class OneEventAtATime {

    private static final ThreadLocal<Boolean> ISOLATING = ThreadLocal.withInitial(() -> false);

    private final Map<String, Long> failedUpTo = new ConcurrentHashMap<>();
    private final TransactionTemplate savepoint;

    public OneEventAtATime(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Remembers where a failed batch of the processor ended: its events are retried one at a time. */
    public void batchFailed(String processor, List<? extends EventMessage<?>> events) {
        events.stream()
                .map(OneEventAtATime::position)
                .flatMap(Optional::stream)
                .max(Long::compare)
                .ifPresent(last -> failedUpTo.merge(processor, last, Math::max));
    }

    /** Marks the events of a failed batch while the processor handles them again. */
    public MessageHandlerInterceptor<EventMessage<?>> interceptorFor(String processor) {
        return (unitOfWork, chain) -> {
            Long last = failedUpTo.get(processor);
            boolean isolate = last != null
                    && position(unitOfWork.getMessage()).map(p -> p <= last).orElse(false);
            if (!isolate) {
                return chain.proceed();
            }
            ISOLATING.set(true);
            try {
                return chain.proceed();
            } finally {
                ISOLATING.set(false);
            }
        };
    }

    /** Whether the event being handled is to be written on its own, in a savepoint. */
    public static boolean isolated() {
        return ISOLATING.get()
                || !CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>);
    }

    /** Runs the write in a savepoint of the current transaction, so its failure leaves the rest intact. */
    public <T> T inSavepoint(Supplier<T> write) {
        return savepoint.execute(status -> write.get());
    }

    /** Like {@link #inSavepoint}, for a handler that may throw checked exceptions. */
    public Object inSavepointRethrowing(java.util.concurrent.Callable<Object> handler) throws Exception {
        try {
            return inSavepoint(() -> {
                try {
                    return handler.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CheckedFailure(e);
                }
            });
        } catch (CheckedFailure wrapped) {
            throw wrapped.checked;
        }
    }

    private static final class CheckedFailure extends RuntimeException {
        private final Exception checked;

        CheckedFailure(Exception checked) {
            super(checked);
            this.checked = checked;
        }
    }

    private static Optional<Long> position(EventMessage<?> event) {
        return event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? Optional.of(tracked.trackingToken().position().orElse(Long.MAX_VALUE))
                : Optional.empty();
    }
}
