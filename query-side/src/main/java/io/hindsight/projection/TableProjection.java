package io.hindsight.projection;

import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.ResetHandler;

/**
 * A projection whose read model is a set of PostgreSQL tables: a reset clears them, a snapshot reads
 * them, and a replay rebuilds them side by side. Subclasses only handle events.
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

    @ResetHandler
    protected void reset() {
        readModel.deleteAll(tables.toArray(String[]::new));
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
        return readModel.snapshotIn(ReadModelTables.LIVE_SCHEMA, tables);
    }
}
