package io.hindsight.benchmarks.engine;

import io.hindsight.benchmarks.EventTable;
import java.util.Locale;

/** An Axon event storage engine on one event table layout. */
public enum EngineVariant {
    JDBC_PRODUCTION(Engine.JDBC, EventTable.PRODUCTION),
    JPA_PRODUCTION(Engine.JPA, EventTable.PRODUCTION),
    JDBC_BIGSERIAL(Engine.JDBC, EventTable.BIGSERIAL),
    JPA_BIGSERIAL(Engine.JPA, EventTable.BIGSERIAL);

    /** Axon's two relational storage engines. */
    public enum Engine {
        JDBC,
        JPA
    }

    private final Engine engine;
    private final EventTable table;

    EngineVariant(Engine engine, EventTable table) {
        this.engine = engine;
        this.table = table;
    }

    public Engine engine() {
        return engine;
    }

    public EventTable table() {
        return table;
    }

    /** Each variant has its own schema in the application's database, so no two share a table or sequence. */
    public String schema() {
        return "bench_" + name().toLowerCase(Locale.ROOT);
    }
}
