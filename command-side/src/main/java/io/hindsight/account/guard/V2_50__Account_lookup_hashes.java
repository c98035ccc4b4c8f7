package io.hindsight.account.guard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * The account lookup tables keep keyed hashes ({@link LookupHashes}) instead of emails, nicknames and social
 * ids: renames their columns and hashes the rows of an existing data directory. A Spring bean, so that it
 * hashes with the configured secret.
 */
@Component
public class V2_50__Account_lookup_hashes extends BaseJavaMigration {

    private final LookupSecret secret;

    public V2_50__Account_lookup_hashes(LookupSecret secret) {
        this.secret = secret;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        byte[] key = secret.resolve(connection);
        execute(connection, "ALTER TABLE account_credentials RENAME COLUMN email_lower TO email_hash");
        hash(connection, key, "account_credentials", "email_hash");
        execute(connection, "ALTER TABLE account_credentials ALTER COLUMN email_hash TYPE varchar(64)");
        execute(connection, "ALTER TABLE account_nickname_lookup RENAME COLUMN nickname_lower TO nickname_hash");
        hash(connection, key, "account_nickname_lookup", "nickname_hash");
        execute(connection, "ALTER TABLE account_nickname_lookup ALTER COLUMN nickname_hash TYPE varchar(64)");
        execute(connection, "ALTER TABLE account_social_lookup RENAME COLUMN subject TO subject_hash");
        hash(connection, key, "account_social_lookup", "subject_hash");
        execute(connection, "ALTER TABLE account_social_lookup ALTER COLUMN subject_hash TYPE varchar(64)");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Replaces every value of the column by its keyed hash; the values were stored normalized already. */
    private static void hash(Connection connection, byte[] key, String table, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(
                        "SELECT DISTINCT " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + column + " = ?")) {
            for (String value : values) {
                update.setString(1, LookupHashes.of(key, value));
                update.setString(2, value);
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
