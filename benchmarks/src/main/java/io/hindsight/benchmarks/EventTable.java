package io.hindsight.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The two layouts of Axon's event table measured against each other, each created in its own schema. */
public enum EventTable {

    /** The application's own migration, verbatim: snake_case, global index assigned by a BEFORE INSERT trigger. */
    PRODUCTION {
        @Override
        String ddl() {
            try (InputStream in = EventTable.class.getClassLoader().getResourceAsStream(PRODUCTION_MIGRATION)) {
                if (in == null) {
                    throw new IllegalStateException(
                            PRODUCTION_MIGRATION + " is not on the class path (app/target/classes)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },

    /** The same columns and keys, the global index a plain bigserial default: no trigger. */
    BIGSERIAL {
        @Override
        String ddl() {
            return """
                    CREATE TABLE domain_event_entry (
                        global_index          bigserial    NOT NULL PRIMARY KEY,
                        aggregate_identifier  varchar(255) NOT NULL,
                        sequence_number       bigint       NOT NULL,
                        type                  varchar(255),
                        event_identifier      varchar(255) NOT NULL UNIQUE,
                        meta_data             bytea,
                        payload               bytea        NOT NULL,
                        payload_revision      varchar(255),
                        payload_type          varchar(255) NOT NULL,
                        time_stamp            varchar(255) NOT NULL,
                        CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
                    );
                    CREATE TABLE snapshot_event_entry (
                        aggregate_identifier  varchar(255) NOT NULL,
                        sequence_number       bigint       NOT NULL,
                        type                  varchar(255) NOT NULL,
                        event_identifier      varchar(255) NOT NULL UNIQUE,
                        meta_data             bytea,
                        payload               bytea        NOT NULL,
                        payload_revision      varchar(255),
                        payload_type          varchar(255) NOT NULL,
                        time_stamp            varchar(255) NOT NULL,
                        PRIMARY KEY (aggregate_identifier, sequence_number)
                    );
                    """;
        }
    };

    static final String PRODUCTION_MIGRATION = "db/migration/V1_1__event_store.sql";

    abstract String ddl();

    /** Drops {@code schema} and creates it afresh holding this layout, so every trial starts from an empty table. */
    public void recreate(String jdbcUrl, String schema) {
        try (Connection connection = Database.connect(jdbcUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
            statement.execute("SET search_path TO " + schema);
            statement.execute(ddl());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the " + this + " event table in schema " + schema, e);
        }
    }
}
