package io.hindsight.support;

import java.sql.Connection;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;

/** What a Java migration is given by Flyway, for a test that runs one on a connection of its own. */
public final class MigrationContexts {

    private MigrationContexts() {}

    public static Context on(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
