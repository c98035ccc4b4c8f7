package io.hindsight.snack;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.projection.RecordedEvent;
import io.hindsight.projection.ViewFollower.Step;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The migration that took the changes of reactions out of the views' timelines (V6_15) writes the rows the
 * projection writes for the same events, however many digits an instant was written with, and leaves the views and
 * their snapshots without a timeline. Runs in copies of the tables in a schema of its own, rolled back.
 */
class SnackReactionChangesIT extends IntegrationTest {

    private static final String REACTION_ID = "snack-reaction:s-migrated:m-migrated";
    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2026-03-02T09:00:00Z"),
            Instant.parse("2026-03-02T09:00:01.500Z"),
            Instant.parse("2026-03-02T09:00:02.123Z"),
            Instant.parse("2026-03-02T09:00:03.001Z"),
            Instant.parse("2026-03-02T09:00:04.999Z"));
    private static final List<ReactionType> REACTIONS =
            Arrays.asList(ReactionType.LIKE, ReactionType.HATE, null, ReactionType.LIKE, ReactionType.HATE);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    SnackReactionChanges changes;

    @Test
    void theMigrationsRowsAreThoseTheProjectionWritesForTheSameEvents() {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            try {
                String schema = "reactions_" + UUID.randomUUID().toString().replace("-", "");
                jdbc.sql("CREATE SCHEMA " + schema).update();
                for (String table : List.of("snack_reaction_view", "snack_reaction_change", "read_model_snapshot")) {
                    jdbc.sql("CREATE TABLE %s.%s (LIKE public.%s INCLUDING ALL)".formatted(schema, table, table))
                            .update();
                }
                jdbc.sql("SET LOCAL search_path TO " + schema + ", public").update();
                String oldView = oldView();
                jdbc.sql("""
                                INSERT INTO snack_reaction_view
                                    (aggregate_id, view, last_sequence, updated_at, snack_id, account_id, reaction)
                                VALUES (:id, CAST(:view AS jsonb), 4, now(), 's-migrated', 'm-migrated', 'HATE')""").param("id", REACTION_ID).param("view", oldView).update();
                jdbc.sql("""
                                INSERT INTO read_model_snapshot (read_model, aggregate_id, sequence, recorded_at, view)
                                VALUES ('snack-reactions', :id, 4, now(), CAST(:view AS jsonb))""").param("id", REACTION_ID).param("view", oldView).update();

                jdbc.sql(migrationBackfill()).update();
                List<Map<String, Object>> migrated = rows();
                assertThat(migrated).hasSize(INSTANTS.size());
                assertThat(jdbc.sql("SELECT count(*) FROM snack_reaction_view WHERE view -> 'timeline' IS NOT NULL")
                                .query(Long.class)
                                .single())
                        .isZero();
                assertThat(jdbc.sql("SELECT count(*) FROM read_model_snapshot WHERE view -> 'timeline' IS NOT NULL")
                                .query(Long.class)
                                .single())
                        .isZero();

                jdbc.sql("DELETE FROM snack_reaction_change").update();
                List<Step<SnackReactionView>> steps = new ArrayList<>();
                for (int i = 0; i < INSTANTS.size(); i++) {
                    steps.add(new Step<>(
                            null,
                            new SnackReactionView(REACTION_ID, "s-migrated", "m-migrated", REACTIONS.get(i)),
                            new RecordedEvent(
                                    REACTION_ID, "SnackReaction", i, INSTANTS.get(i), "m-migrated", "c", "payload")));
                }
                changes.followAll(steps);
                assertThat(rows()).isEqualTo(migrated);
            } finally {
                tx.setRollbackOnly();
            }
        });
    }

    /** A view as the release before wrote it: every change in a timeline, each instant as Jackson writes it. */
    private static String oldView() {
        List<String> timeline = new ArrayList<>();
        for (int i = 0; i < INSTANTS.size(); i++) {
            ReactionType reaction = REACTIONS.get(i);
            timeline.add("{\"reaction\":%s,\"at\":\"%s\"}"
                    .formatted(reaction == null ? "null" : "\"" + reaction + "\"", INSTANTS.get(i)));
        }
        return ("{\"reactionId\":\"%s\",\"snackId\":\"s-migrated\",\"accountId\":\"m-migrated\",\"reaction\":\"HATE\","
                        + "\"timeline\":[%s]}")
                .formatted(REACTION_ID, String.join(",", timeline));
    }

    private List<Map<String, Object>> rows() {
        return jdbc.sql("""
                        SELECT reaction_id, sequence, snack_id, account_id, reaction, at
                        FROM snack_reaction_change ORDER BY reaction_id, sequence""").query().listOfRows();
    }

    private static String migrationBackfill() {
        try {
            String migration = new ClassPathResource("db/migration/V6_15__snack_reaction_changes.sql")
                    .getContentAsString(StandardCharsets.UTF_8);
            return migration.substring(migration.indexOf("INSERT INTO snack_reaction_change"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
