package io.hindsight.snack.guard;

import io.hindsight.common.LookAlikes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * A snack name's key now folds letter case both ways ({@link LookAlikes#key}): the registry's keys made before, under
 * the lowered key, are made again from the names it keeps. Where two snacks held one name in two cases (ςz and Σz),
 * the first in id order keeps the new key, the other the old one it had.
 */
@Component
public class V6_16__Snack_name_keys_fold_case extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<String[]> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT snack_id, name, name_key FROM snack_registry ORDER BY snack_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE snack_registry SET name_key = ?, name_digest = ? WHERE snack_id = ?
                AND NOT EXISTS (SELECT 1 FROM snack_registry WHERE name_digest = ?)""")) {
            for (String[] row : names) {
                String folded = LookAlikes.key(row[1]);
                if (folded.equals(row[2])) {
                    continue;
                }
                String digest = digest(folded);
                update.setString(1, folded);
                update.setString(2, digest);
                update.setString(3, row[0]);
                update.setString(4, digest);
                update.executeUpdate();
            }
        }
    }

    /** What {@code SnackNames} stores beside the key: its SHA-256 in hex, as PostgreSQL's {@code sha256} writes it. */
    static String digest(String key) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
