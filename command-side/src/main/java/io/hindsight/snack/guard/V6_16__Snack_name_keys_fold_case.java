package io.hindsight.snack.guard;

import io.hindsight.common.LookAlikes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
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
        // the digest as SnackNames writes it, in SQL
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE snack_registry SET name_key = ?, name_digest = encode(sha256(convert_to(?, 'UTF8')), 'hex')
                WHERE snack_id = ? AND NOT EXISTS (SELECT 1 FROM snack_registry
                    WHERE name_digest = encode(sha256(convert_to(?, 'UTF8')), 'hex'))""")) {
            for (String[] row : names) {
                String folded = LookAlikes.key(row[1]);
                if (folded.equals(row[2])) {
                    continue;
                }
                update.setString(1, folded);
                update.setString(2, folded);
                update.setString(3, row[0]);
                update.setString(4, folded);
                update.executeUpdate();
            }
        }
    }
}
