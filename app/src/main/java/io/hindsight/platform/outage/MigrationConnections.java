package io.hindsight.platform.outage;

import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Migrations get connections of their own, without the pool's socket timeout: building an index over a large
 * table may keep a statement silent far longer than a request ever may.
 */
@Configuration(proxyBeanMethods = false)
public class MigrationConnections {

    @Bean
    public FlywayConfigurationCustomizer unlimitedMigrationStatements(DataSourceProperties dataSource) {
        return flyway -> flyway.dataSource(new SimpleDriverDataSource(
                new org.postgresql.Driver(),
                dataSource.determineUrl(),
                dataSource.determineUsername(),
                dataSource.determinePassword()));
    }
}
