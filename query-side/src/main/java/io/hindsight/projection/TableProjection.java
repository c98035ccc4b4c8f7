package io.hindsight.projection;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * A projection that is not one view per aggregate (statistics, fact tables), kept in PostgreSQL tables by
 * its own {@code @EventHandler} methods: a reset clears the tables, a snapshot reads them, and a replay
 * rebuilds them side by side. Subclasses only handle events.
 */
public abstract class TableProjection implements Projection {

    private final String name;
    private final ReadModelTables readModel;
    private final List<String> tables;

    protected TableProjection(String name, ReadModelTables readModel, String... tables) {
        this.name = name;
        this.readModel = readModel;
        this.tables = List.of(tables);
    }

    @Override
    @ResetHandler
    public void reset() {
        readModel.deleteAll(tables);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> tables() {
        return tables;
    }

    @Override
    public Map<String, String> snapshot() {
        return readModel.snapshot(tables);
    }

    /** The classes its {@code @EventHandler} methods take, when each is a record or a sealed type. */
    @Override
    public Optional<Set<String>> payloadTypes() {
        List<Class<?>> handled = new ArrayList<>();
        for (Class<?> type = getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(EventHandler.class)) {
                    Class<?> declared = method.getAnnotation(EventHandler.class).payloadType();
                    if (declared == Object.class && method.getParameterCount() > 0) {
                        declared = method.getParameterTypes()[0];
                    }
                    handled.add(declared);
                }
            }
        }
        return PayloadTypes.concreteNames(handled);
    }

    @Override
    public Replay replay(ParameterResolverFactory resolvers) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(this, resolvers);
        return chunk -> {
            int handled = 0;
            for (EventMessage<?> event : chunk) {
                if (handlers.canHandle(event)) {
                    var result = DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> handlers.handle(event));
                    if (result.isExceptional()) {
                        throw new IllegalStateException(
                                "Event " + event.getIdentifier() + " ("
                                        + event.getPayloadType().getSimpleName() + ") failed: "
                                        + result.exceptionResult().getMessage(),
                                result.exceptionResult());
                    }
                    handled++;
                }
            }
            return handled;
        };
    }
}
