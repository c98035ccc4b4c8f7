package io.hindsight.audit.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Signing keys carry the cluster's endorsement ({@link KeyEndorsements}): adds the column and endorses the keys
 * published before it, once, as the upgrade finds them. A key row added by hand after this is never endorsed. A
 * Spring bean, so that it endorses with the configured secret.
 */
@Component
public class V3_30__Evidence_key_endorsements extends BaseJavaMigration {

    private final KeyEndorsements endorsements;

    public V3_30__Evidence_key_endorsements(KeyEndorsements endorsements) {
        this.endorsements = endorsements;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE evidence_keys ADD COLUMN endorsement varchar(64)");
        }
        try (Statement select = connection.createStatement();
                ResultSet keys = select.executeQuery("SELECT key_id, algorithm, public_key FROM evidence_keys");
                PreparedStatement endorse =
                        connection.prepareStatement("UPDATE evidence_keys SET endorsement = ? WHERE key_id = ?")) {
            while (keys.next()) {
                endorse.setString(1, endorsements.of(keys.getString(1), keys.getString(2), keys.getBytes(3)));
                endorse.setString(2, keys.getString(1));
                endorse.addBatch();
            }
            endorse.executeBatch();
        }
    }
}
