package io.hindsight.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.guard.LookupHashes;
import io.hindsight.account.guard.LookupSecret;
import io.hindsight.account.guard.V2_50__Account_lookup_hashes;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.MigrationContexts;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A data directory from before the keyed hashes: its lookup rows are hashed in place, readable ones gone. */
class LookupHashMigrationIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LookupSecret secret;

    @Autowired
    LookupHashes hashes;

    @Test
    void canHashTheLookupRowsOfAnExistingDataDirectory() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS lookup_migration CASCADE");
            sql.execute("CREATE SCHEMA lookup_migration");
            sql.execute("SET search_path TO lookup_migration, public");
            sql.execute("""
                    CREATE TABLE account_credentials (account_id varchar(64) PRIMARY KEY, email_lower varchar(320) UNIQUE,
                        password_hash varchar(100), roles varchar(200) NOT NULL, resigned boolean NOT NULL DEFAULT false)""");
            sql.execute(
                    "CREATE TABLE account_nickname_lookup (nickname_lower varchar(100) PRIMARY KEY, account_id varchar(64))");
            sql.execute("""
                    CREATE TABLE account_social_lookup (provider varchar(32), subject varchar(255), account_id varchar(64),
                        PRIMARY KEY (provider, subject))""");
            sql.execute(
                    "INSERT INTO account_credentials VALUES ('a1', 'old-mina@hindsight.test', NULL, 'MEMBER', true),"
                            + " ('a2', NULL, NULL, 'MEMBER', false)");
            sql.execute("INSERT INTO account_nickname_lookup VALUES ('oldmina', 'a1')");
            sql.execute("INSERT INTO account_social_lookup VALUES ('kakao', '424242', 'a1')");

            new V2_50__Account_lookup_hashes(secret).migrate(MigrationContexts.on(connection));
            sql.execute("SET search_path TO public");
        }
        try {
            assertThat(jdbc.sql("SELECT email_hash FROM lookup_migration.account_credentials ORDER BY account_id")
                            .query(String.class)
                            .list())
                    .containsExactly(hashes.of("old-mina@hindsight.test"), null);
            assertThat(jdbc.sql("SELECT nickname_hash FROM lookup_migration.account_nickname_lookup")
                            .query(String.class)
                            .list())
                    .isEqualTo(List.of(hashes.of("oldmina")));
            assertThat(jdbc.sql("SELECT subject_hash FROM lookup_migration.account_social_lookup")
                            .query(String.class)
                            .list())
                    .isEqualTo(List.of(hashes.of("424242")));
        } finally {
            jdbc.sql("DROP SCHEMA lookup_migration CASCADE").update();
        }
    }
}
