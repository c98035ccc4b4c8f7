package io.hindsight.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Connections to the application's embedded PostgreSQL, with the credentials the application uses for it. */
public final class Database {

    private static final String USER = "postgres";
    private static final String PASSWORD = "";

    private Database() {}

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, USER, PASSWORD);
    }

    /** A HikariCP pool like the application's (autocommit on, transactions begun by the transaction manager). */
    public static HikariDataSource pool(String jdbcUrl, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }
}
