package io.hindsight.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.guard.LookupHashes;
import io.hindsight.account.guard.LookupSecret;
import io.hindsight.account.guard.V2_51__Nickname_keys_fold_case;
import io.hindsight.common.LookAlikes;
import io.hindsight.snack.guard.V6_16__Snack_name_keys_fold_case;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.MigrationContexts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keys made before letter case was folded both ways, made again by the migrations: a nickname's from the account's
 * view, a snack name's from the registry. Of two held in two cases, the first keeps the folded key.
 */
class CaseFoldedKeysMigrationIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LookupSecret secret;

    @Autowired
    LookupHashes hashes;

    @Test
    void keysStoredLoweredAreFoldedAndTwoInTwoCasesKeepTheirOwn() throws Exception {
        Map<String, String> nicknames = Map.of(
                "a1", "\u03c2z", // the final sigma mid-word: lowered key ςz, folded σz
                "a2", "\u03a3y", // lowered σy already: unchanged
                "a3", "\u0131nk", // dotless i: ınk, folded ink
                "a4", "\u03c3q", // σq, and a5 held ςq beside it
                "a5", "\u03c2q",
                "a6", "\u03c2w"); // the view shows another nickname than the row's: left alone
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS fold_migration CASCADE");
            sql.execute("CREATE SCHEMA fold_migration");
            sql.execute("SET search_path TO fold_migration, public");
            sql.execute(
                    "CREATE TABLE account_nickname_lookup (nickname_hash varchar(64) PRIMARY KEY, account_id varchar(64))");
            sql.execute("CREATE TABLE account_view (aggregate_id varchar(64) PRIMARY KEY, nickname varchar(30))");
            sql.execute("""
                    CREATE TABLE snack_registry (snack_id varchar(64) PRIMARY KEY, name text NOT NULL, name_key text NOT NULL,
                        name_digest char(64) NOT NULL UNIQUE)""");
            try (PreparedStatement lookup =
                            connection.prepareStatement("INSERT INTO account_nickname_lookup VALUES (?, ?)");
                    PreparedStatement view = connection.prepareStatement("INSERT INTO account_view VALUES (?, ?)")) {
                for (Map.Entry<String, String> held : nicknames.entrySet()) {
                    lookup.setString(1, hashes.of(LookAlikes.lowerCasedKey(held.getValue())));
                    lookup.setString(2, held.getKey());
                    lookup.executeUpdate();
                    view.setString(1, held.getKey());
                    view.setString(2, held.getKey().equals("a6") ? "renamed" : held.getValue());
                    view.executeUpdate();
                }
            }
            try (PreparedStatement snack = connection.prepareStatement("""
                    INSERT INTO snack_registry VALUES (?, ?, ?, encode(sha256(convert_to(?, 'UTF8')), 'hex'))""")) {
                for (String[] registered : new String[][] {
                    {"s1", "\u03c2ouvlaki"}, {"s2", "Ink cake"}, {"s3", "\u0131nk cake"}, {"s4", "Choco Pie"}
                }) {
                    String lowered = LookAlikes.lowerCasedKey(registered[1]);
                    snack.setString(1, registered[0]);
                    snack.setString(2, registered[1]);
                    snack.setString(3, lowered);
                    snack.setString(4, lowered);
                    snack.executeUpdate();
                }
            }

            new V2_51__Nickname_keys_fold_case(secret).migrate(MigrationContexts.on(connection));
            new V6_16__Snack_name_keys_fold_case().migrate(MigrationContexts.on(connection));
            sql.execute("SET search_path TO public");
        }
        try {
            assertThat(keyOf("a1")).isEqualTo(hashes.of("\u03c3z"));
            assertThat(keyOf("a2")).isEqualTo(hashes.of("\u03c3y"));
            assertThat(keyOf("a3")).isEqualTo(hashes.of("ink"));
            assertThat(keyOf("a4")).isEqualTo(hashes.of("\u03c3q"));
            assertThat(keyOf("a5"))
                    .as("the second of one nickname in two cases")
                    .isEqualTo(hashes.of("\u03c2q"));
            assertThat(keyOf("a6")).as("a row its view does not vouch for").isEqualTo(hashes.of("\u03c2w"));
            assertThat(snackKey("s1")).isEqualTo("\u03c3ouvlaki");
            assertThat(snackKey("s2")).isEqualTo("ink cake");
            assertThat(snackKey("s3")).as("the second of one name in two cases").isEqualTo("\u0131nk cake");
            assertThat(snackKey("s4")).isEqualTo("choco pie");
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM fold_migration.snack_registry
                            WHERE name_digest <> encode(sha256(convert_to(name_key, 'UTF8')), 'hex')""").query(Long.class).single()).isZero();
        } finally {
            jdbc.sql("DROP SCHEMA fold_migration CASCADE").update();
        }
    }

    private String keyOf(String accountId) {
        return jdbc.sql("SELECT nickname_hash FROM fold_migration.account_nickname_lookup WHERE account_id = :id")
                .param("id", accountId)
                .query(String.class)
                .single();
    }

    private String snackKey(String snackId) {
        return jdbc.sql("SELECT name_key FROM fold_migration.snack_registry WHERE snack_id = :id")
                .param("id", snackId)
                .query(String.class)
                .single();
    }
}
