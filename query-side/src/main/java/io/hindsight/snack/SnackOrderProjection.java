package io.hindsight.snack;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.snack.api.SnackOrderEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

@QueryRole
@Component
@ProcessingGroup(SnackOrderProjection.NAME)
public class SnackOrderProjection extends TableProjection {

    public static final String NAME = "snack-orders";

    private final FoldProjector projector;
    private final ViewDefinition<SnackOrderView> orders;

    public SnackOrderProjection(
            FoldProjector projector, ReadModelTables tables, ViewDefinition<SnackOrderView> orders) {
        super(NAME, tables, orders.table());
        this.projector = projector;
        this.orders = orders;
    }

    @EventHandler
    void on(SnackOrderEvent event, DomainEventMessage<?> message) {
        projector.project(orders, message);
    }
}
