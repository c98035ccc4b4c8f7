package io.hindsight.booking;

import io.hindsight.booking.api.SpaceEvent;
import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

@QueryRole
@Component
@ProcessingGroup(SpaceProjection.NAME)
public class SpaceProjection implements Projection {

    public static final String NAME = "booking-spaces";

    private final FoldProjector projector;
    private final ReadModelTables tables;
    private final ViewDefinition<SpaceView> spaces;

    public SpaceProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<SpaceView> spaces) {
        this.projector = projector;
        this.tables = tables;
        this.spaces = spaces;
    }

    @EventHandler
    void on(SpaceEvent event, DomainEventMessage<?> message) {
        projector.project(spaces, message);
    }

    @ResetHandler
    void reset() {
        tables.deleteAll(spaces.table());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(spaces.table());
    }

    @Override
    public Map<String, String> snapshot() {
        return tables.snapshot(spaces.table());
    }
}
