package io.hindsight.snack;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.snack.api.SnackEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

@QueryRole
@Component
@ProcessingGroup(SnackCatalogProjection.NAME)
public class SnackCatalogProjection implements Projection {

    public static final String NAME = "snack-catalog";

    private final FoldProjector projector;
    private final ReadModelTables tables;
    private final ViewDefinition<SnackView> snacks;

    public SnackCatalogProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<SnackView> snacks) {
        this.projector = projector;
        this.tables = tables;
        this.snacks = snacks;
    }

    @EventHandler
    void on(SnackEvent event, DomainEventMessage<?> message) {
        projector.project(snacks, message);
    }

    @ResetHandler
    void reset() {
        tables.deleteAll(snacks.table());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(snacks.table());
    }

    @Override
    public Map<String, String> snapshot() {
        return tables.snapshot(snacks.table());
    }
}
