package io.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.support.IntegrationTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What a replay copies is what PostgreSQL stores: every kind of value, text that COPY's format must escape. */
class CopyRowsIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void storesEveryValueAsPostgreSqlWouldFromParameters() {
        List<String> texts = List.of(
                "tab\there",
                "line\nbreak",
                "carriage\rreturn",
                "back\\slash",
                "\\N",
                "\\.",
                "",
                "quote \" ' ",
                "한글 ☕",
                "{braces}, commas");
        String json = "{\"a\": \"x\\\"y\\\\z\\n\", \"b\": [1, null]}";
        Instant instant = Instant.parse("2026-12-01T19:04:05.123456Z");
        UUID uuid = UUID.randomUUID();
        String[] array = {"plain", "with \"quote\"", "back\\slash", "comma,brace}", null, ""};

        List<Map<String, Object>> stored = new TransactionTemplate(transactions).execute(tx -> {
            jdbc.sql("""
                            CREATE TEMP TABLE copy_rows_probe (position int, text text, json jsonb, number bigint,
                                amount numeric, at timestamptz, on_date date, flag boolean, id uuid, labels text[],
                                kind text) ON COMMIT DROP""").update();
            CopyRows rows = new CopyRows(texts.size() + 1);
            for (int i = 0; i < texts.size(); i++) {
                rows.row(
                        i,
                        texts.get(i),
                        json,
                        Long.MAX_VALUE - i,
                        new BigDecimal("-12.50"),
                        i % 2 == 0 ? instant : Timestamp.from(instant),
                        LocalDate.of(2026, 2, 28),
                        i % 2 == 0,
                        uuid,
                        array,
                        Thread.State.BLOCKED);
            }
            rows.row(99, null, null, null, null, null, null, null, null, null, null);
            rows.copyInto(
                    dataSource,
                    "copy_rows_probe (position, text, json, number, amount, at, on_date, flag, id," + " labels, kind)");
            return jdbc.sql("SELECT * FROM copy_rows_probe ORDER BY position")
                    .query()
                    .listOfRows();
        });

        assertThat(stored).hasSize(texts.size() + 1);
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> row = stored.get(i);
            assertThat(row.get("text")).as("row %d", i).isEqualTo(texts.get(i));
            assertThat(row.get("json").toString()).isEqualTo(json);
            assertThat(row.get("number")).isEqualTo(Long.MAX_VALUE - i);
            assertThat(row.get("amount")).isEqualTo(new BigDecimal("-12.50"));
            assertThat(((Timestamp) row.get("at")).toInstant()).isEqualTo(instant);
            assertThat(row.get("on_date").toString()).isEqualTo("2026-02-28");
            assertThat(row.get("flag")).isEqualTo(i % 2 == 0);
            assertThat(row.get("id")).isEqualTo(uuid);
            assertThat(row.get("kind")).isEqualTo("BLOCKED");
        }
        assertThat(stored.get(texts.size()).values().stream().skip(1)).allMatch(value -> value == null);
    }

    @Test
    void storesInstantsToTheMicrosecondAsPostgreSqlRoundsThem() {
        List<Instant> instants = List.of(
                Instant.parse("2026-12-01T19:04:05Z"),
                Instant.parse("2026-12-01T19:04:05.000001Z"),
                Instant.parse("2026-12-01T19:04:05.123456789Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z"));
        List<Instant> stored = new TransactionTemplate(transactions).execute(tx -> {
            jdbc.sql("CREATE TEMP TABLE copy_rows_instants (position int, at timestamptz) ON COMMIT DROP")
                    .update();
            CopyRows rows = new CopyRows(instants.size());
            for (int i = 0; i < instants.size(); i++) {
                rows.row(i, i % 2 == 0 ? instants.get(i) : Timestamp.from(instants.get(i)));
            }
            rows.copyInto(dataSource, "copy_rows_instants (position, at)");
            return jdbc.sql("SELECT at FROM copy_rows_instants ORDER BY position")
                    .query((rs, n) -> rs.getTimestamp("at").toInstant())
                    .list();
        });

        List<Instant> fromParameters = new TransactionTemplate(transactions)
                .execute(tx -> instants.stream()
                        .map(instant -> jdbc.sql("SELECT CAST(:at AS timestamptz) AS at")
                                .param("at", instant.toString())
                                .query((rs, n) -> rs.getTimestamp("at").toInstant())
                                .single())
                        .toList());
        assertThat(stored).containsExactlyElementsOf(fromParameters);
        assertThat(stored.get(2)).isEqualTo(Instant.parse("2026-12-01T19:04:05.123457Z"));
    }

    @Test
    void storesTextArraysElementByElement() {
        String[] array = {"plain", "with \"quote\"", "back\\slash", "comma,brace}", null, "", "tab\tnew\nline"};
        List<String> elements = new TransactionTemplate(transactions).execute(tx -> {
            jdbc.sql("CREATE TEMP TABLE copy_rows_arrays (labels text[]) ON COMMIT DROP")
                    .update();
            new CopyRows(1).row((Object) array).copyInto(dataSource, "copy_rows_arrays (labels)");
            return jdbc.sql("SELECT unnest(labels) AS label FROM copy_rows_arrays")
                    .query((rs, n) -> rs.getString("label"))
                    .list();
        });

        assertThat(elements).containsExactlyElementsOf(Arrays.asList(array));
    }
}
