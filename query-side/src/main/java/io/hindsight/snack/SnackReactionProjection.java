package io.hindsight.snack;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.snack.api.SnackReacted;
import io.hindsight.snack.api.SnackReactionEvent;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Members' reactions: their timelines in PostgreSQL, and who likes or hates what in Redis sets. */
@QueryRole
@Component
@ProcessingGroup(SnackReactionProjection.NAME)
public class SnackReactionProjection implements Projection {

    public static final String NAME = "snack-reactions";

    private final FoldProjector projector;
    private final ReadModelTables tables;
    private final ViewDefinition<SnackReactionView> reactions;
    private final SnackReactionSets sets;

    public SnackReactionProjection(
            FoldProjector projector,
            ReadModelTables tables,
            ViewDefinition<SnackReactionView> reactions,
            SnackReactionSets sets) {
        this.projector = projector;
        this.tables = tables;
        this.reactions = reactions;
        this.sets = sets;
    }

    @EventHandler
    void on(SnackReactionEvent event, DomainEventMessage<?> message) {
        projector.project(reactions, message);
        sets.set(event.reactionId(), event instanceof SnackReacted reacted ? reacted.reaction() : null);
    }

    @ResetHandler
    void reset() {
        tables.deleteAll(reactions.table());
        sets.clear();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> snapshot() {
        Map<String, String> snapshot = new TreeMap<>(tables.snapshot(reactions.table()));
        snapshot.putAll(sets.snapshot());
        return snapshot;
    }
}
