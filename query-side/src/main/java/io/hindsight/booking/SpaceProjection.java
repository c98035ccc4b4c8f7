package io.hindsight.booking;

import io.hindsight.booking.api.SpaceEvent;
import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

@QueryRole
@Component
@ProcessingGroup(SpaceProjection.NAME)
public class SpaceProjection extends TableProjection {

    public static final String NAME = "booking-spaces";

    private final FoldProjector projector;
    private final ViewDefinition<SpaceView> spaces;

    public SpaceProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<SpaceView> spaces) {
        super(NAME, tables, spaces.table());
        this.projector = projector;
        this.spaces = spaces;
    }

    @EventHandler
    void on(SpaceEvent event, DomainEventMessage<?> message) {
        projector.project(spaces, message);
    }
}
