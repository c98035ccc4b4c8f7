package io.hindsight.snack;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.snack.api.SnackEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

@QueryRole
@Component
@ProcessingGroup(SnackCatalogProjection.NAME)
public class SnackCatalogProjection extends TableProjection {

    public static final String NAME = "snack-catalog";

    private final FoldProjector projector;
    private final ViewDefinition<SnackView> snacks;

    public SnackCatalogProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<SnackView> snacks) {
        super(NAME, tables, snacks.table());
        this.projector = projector;
        this.snacks = snacks;
    }

    @EventHandler
    void on(SnackEvent event, DomainEventMessage<?> message) {
        projector.project(snacks, message);
    }
}
