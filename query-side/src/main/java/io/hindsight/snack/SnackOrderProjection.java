package io.hindsight.snack;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.snack.api.SnackOrderEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

@QueryRole
@Component
@ProcessingGroup(SnackOrderProjection.NAME)
public class SnackOrderProjection implements Projection {

    public static final String NAME = "snack-orders";

    private final FoldProjector projector;
    private final ReadModelTables tables;
    private final ViewDefinition<SnackOrderView> orders;

    public SnackOrderProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<SnackOrderView> orders) {
        this.projector = projector;
        this.tables = tables;
        this.orders = orders;
    }

    @EventHandler
    void on(SnackOrderEvent event, DomainEventMessage<?> message) {
        projector.project(orders, message);
    }

    @ResetHandler
    void reset() {
        tables.deleteAll(orders.table());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(orders.table());
    }

    @Override
    public Map<String, String> snapshot() {
        return tables.snapshot(orders.table());
    }
}
