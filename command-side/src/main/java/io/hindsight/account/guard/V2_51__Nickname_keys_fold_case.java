package io.hindsight.account.guard;

import io.hindsight.common.LookAlikes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * A nickname's key now folds letter case both ways ({@link LookAlikes#key}): the lookup rows made before, under the
 * lowered key, are made again from the nickname each account holds, as its read model shows it. Only a row whose
 * hash is that nickname's under the old key is rewritten (the view may lag, or an erasure have emptied it); and
 * where two accounts held one nickname in two cases (ςz and Σz), the first in account order keeps the new key, the
 * other the old one it had.
 */
@Component
public class V2_51__Nickname_keys_fold_case extends BaseJavaMigration {

    private final LookupSecret secret;

    public V2_51__Nickname_keys_fold_case(LookupSecret secret) {
        this.secret = secret;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        byte[] key = secret.resolve(connection);
        List<String[]> held = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                        SELECT l.nickname_hash, v.nickname FROM account_nickname_lookup l
                        JOIN account_view v ON v.aggregate_id = l.account_id
                        WHERE v.nickname IS NOT NULL ORDER BY l.account_id""");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                held.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        for (String[] row : held) {
            String stored = row[0];
            String nickname = row[1];
            String folded = LookupHashes.of(key, LookAlikes.key(nickname));
            if (!stored.equals(LookupHashes.of(key, LookAlikes.lowerCasedKey(nickname))) || stored.equals(folded)) {
                continue;
            }
            moveKey(connection, stored, folded);
        }
    }

    private static void moveKey(Connection connection, String stored, String folded) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE account_nickname_lookup SET nickname_hash = ? WHERE nickname_hash = ?
                AND NOT EXISTS (SELECT 1 FROM account_nickname_lookup WHERE nickname_hash = ?)""")) {
            update.setString(1, folded);
            update.setString(2, stored);
            update.setString(3, folded);
            update.executeUpdate();
        }
    }
}
