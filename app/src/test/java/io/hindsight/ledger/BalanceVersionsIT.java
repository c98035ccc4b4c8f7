package io.hindsight.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hindsight.ledger.api.LedgerCurrency;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.TransferStatus;
import io.hindsight.projection.ViewFollower.Step;
import io.hindsight.query.Paging;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account's balance read from its balance versions equals the sum over its entries at every instant, whatever
 * order and batches the events came in (times going backwards between nodes, ties, a settlement stamped before
 * its creation), the migration's rows for entries folded before it equal the projection's, and a read costs the
 * same rows for an account with a long history as for a fresh one. Each case runs in tables of its own schema,
 * inside one transaction that is rolled back.
 */
class BalanceVersionsIT extends IntegrationTest {

    private static final List<String> ACCOUNTS = List.of("wallet-a", "wallet-b", "store-c", "system-deposits");
    private static final Instant BASE = Instant.parse("2026-11-30T10:00:00Z");

    @Autowired
    LedgerEntries entries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aBalanceAtEveryInstantIsTheSumOfItsEntriesWhateverOrderTheEventsCameIn() {
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            List<List<Step<TransferView>>> histories = histories(random, 40);
            inSchemas(3, schemas -> {
                use(schemas.get(0));
                foldInBatches(interleaved(histories, random), random);
                TreeSet<Instant> instants = new TreeSet<>();
                histories.forEach(history -> history.forEach(step -> instantsOf(step.view(), instants)));
                for (String account : ACCOUNTS) {
                    for (Instant at : instants) {
                        for (Instant probe : List.of(at.minusMillis(1), at, at.plusMillis(1))) {
                            assertThat(read(account, probe))
                                    .as("%s at %s", account, probe)
                                    .isEqualTo(summed(account, probe));
                        }
                    }
                    assertThat(read(account, null)).as("%s now", account).isEqualTo(summed(account, null));
                }

                use(schemas.get(1));
                interleaved(histories, random).forEach(step -> entries.followAll(List.of(step)));
                assertSameRows(schemas.get(0), schemas.get(1));

                use(schemas.get(2));
                jdbc.sql("INSERT INTO ledger_entry_view SELECT * FROM " + schemas.get(0) + ".ledger_entry_view")
                        .update();
                jdbc.sql(migrationBackfill()).update();
                assertSameRows(schemas.get(0), schemas.get(2));
            });
        }
    }

    @Test
    void aBalanceReadTouchesAsManyRowsForALongHistoryAsForAFreshOne() {
        inSchemas(1, schemas -> {
            use(schemas.get(0));
            jdbc.sql("""
                            INSERT INTO ledger_entry_view (account_id, transfer_id, direction, kind, amount, currency,
                                counterparty, status, created_at, posted_at, voided_at, refs)
                            SELECT 'wallet-long', 'tr-' || i, CASE WHEN i % 3 = 0 THEN 'DEBIT' ELSE 'CREDIT' END,
                                'DEPOSIT', 10, 'KRW', 'system-deposits', CASE WHEN i % 7 = 0 THEN 'PENDING' ELSE 'POSTED' END,
                                CAST(:base AS timestamptz) + i * interval '1 millisecond',
                                CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(:base AS timestamptz) + i * interval '1 millisecond' END, NULL::timestamptz, '{}'::jsonb
                            FROM generate_series(1, 20000) i
                            UNION ALL
                            SELECT 'wallet-fresh', 'tr-fresh', 'CREDIT', 'DEPOSIT', 10, 'KRW', 'system-deposits', 'POSTED',
                                CAST(:base AS timestamptz), CAST(:base AS timestamptz), NULL::timestamptz, '{}'::jsonb""").param("base", Timestamp.from(BASE)).update();
            jdbc.sql(migrationBackfill()).update();
            jdbc.sql("ANALYZE ledger_entry_view").update();
            jdbc.sql("ANALYZE ledger_balance_version").update();

            Instant middle = BASE.plusSeconds(10);
            long fresh = rowsRead(schemas.get(0), () -> read("wallet-fresh", null));
            long longNow = rowsRead(schemas.get(0), () -> read("wallet-long", null));
            long longThen = rowsRead(schemas.get(0), () -> read("wallet-long", middle));
            assertThat(read("wallet-long", null)).isEqualTo(summed("wallet-long", null));
            assertThat(read("wallet-long", middle)).isEqualTo(summed("wallet-long", middle));
            assertThat(longNow)
                    .as("rows read now: long %s, fresh %s", longNow, fresh)
                    .isLessThanOrEqualTo(fresh + 5);
            assertThat(longThen)
                    .as("rows read as of: long %s, fresh %s", longThen, fresh)
                    .isLessThanOrEqualTo(fresh + 5);
        });
    }

    /**
     * Two segments' batches touching one account: the later one to lock waits for the first to commit and then
     * adds to its rows. Without the lock each read the rows as they were before the other and the row at the later
     * instant lacked the earlier change.
     */
    @Test
    void twoBatchesChangingOneAccountAtOnceTakeTurns() throws Exception {
        String schema = "balances_" + UUID.randomUUID().toString().replace("-", "");
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.executeWithoutResult(tx -> {
            jdbc.sql("CREATE SCHEMA " + schema).update();
            for (String table : List.of("ledger_entry_view", "ledger_balance_version")) {
                jdbc.sql("CREATE TABLE %s.%s (LIKE public.%s INCLUDING ALL)".formatted(schema, table, table))
                        .update();
            }
        });
        ExecutorService segments = Executors.newFixedThreadPool(2);
        try {
            TransferView later = deposit("tr-later", 5, BASE.plusMillis(5));
            TransferView earlier = deposit("tr-earlier", 7, BASE.plusMillis(3));
            CountDownLatch laterWritten = new CountDownLatch(1);
            CountDownLatch commitLater = new CountDownLatch(1);
            Future<?> first = segments.submit(() -> template.executeWithoutResult(tx -> {
                use(schema);
                entries.followAll(List.of(new Step<>(null, later, null)));
                laterWritten.countDown();
                awaitQuietly(commitLater);
            }));
            assertThat(laterWritten.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> second = segments.submit(() -> template.executeWithoutResult(tx -> {
                use(schema);
                entries.followAll(List.of(new Step<>(null, earlier, null)));
            }));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> HeldTransaction.lockWaitsOn(jdbc, "/balance/") > 0 || second.isDone());
            assertThat(second.isDone())
                    .as("the second batch waits for the first's commit")
                    .isFalse();
            commitLater.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);

            template.executeWithoutResult(tx -> {
                use(schema);
                for (String account : List.of("system-deposits", "wallet-a")) {
                    for (Instant at : List.of(BASE.plusMillis(3), BASE.plusMillis(4), BASE.plusMillis(5))) {
                        assertThat(read(account, at))
                                .as("%s at %s", account, at)
                                .isEqualTo(summed(account, at));
                    }
                }
                assertThat(read("wallet-a", null)).isEqualTo(List.of(12L, 0L, 2L, 2L));
            });
        } finally {
            segments.shutdownNow();
            template.executeWithoutResult(
                    tx -> jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update());
        }
    }

    /**
     * Events carry nanoseconds and the rows whole microseconds: two transfers of one account stamped within one
     * microsecond (two nodes' clocks, or two commands on one node) are one row of their sum, in either order and in
     * one batch or two. Keyed by their nanoseconds, they made two rows of one key in one statement, which PostgreSQL
     * refuses, and the transfer's events were dead-lettered.
     */
    @Test
    void transfersStampedWithinOneMicrosecondAreOneRowOfTheirSum() {
        Instant microsecond = BASE.plusNanos(1_000);
        TransferView roundedDown = deposit("tr-1200ns", 5, BASE.plusNanos(1_200));
        TransferView roundedUp = deposit("tr-700ns", 7, BASE.plusNanos(700));
        List<List<List<TransferView>>> foldings = List.of(
                List.of(List.of(roundedDown), List.of(roundedUp)),
                List.of(List.of(roundedUp), List.of(roundedDown)),
                List.of(List.of(roundedDown, roundedUp)));
        for (List<List<TransferView>> batches : foldings) {
            inSchemas(1, schemas -> {
                use(schemas.get(0));
                batches.forEach(batch -> entries.followAll(batch.stream()
                        .map(transfer -> new Step<TransferView>(null, transfer, null))
                        .toList()));
                for (Instant at : List.of(BASE, microsecond, microsecond.plusNanos(1_000))) {
                    assertThat(read("wallet-a", at)).as("%s at %s", batches, at).isEqualTo(summed("wallet-a", at));
                }
                assertThat(read("wallet-a", null)).isEqualTo(List.of(12L, 0L, 2L, 2L));
                assertThat(read("wallet-a", BASE)).isEqualTo(List.of(0L, 0L, 0L, 0L));
                assertThat(jdbc.sql("SELECT count(*) FROM ledger_balance_version WHERE account_id = 'wallet-a'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(1);
            });
        }
    }

    /** In a snapshot taken before the locks, a batch would not see what the other segment committed meanwhile. */
    @Test
    void refusesToWriteBalancesFromAnOlderSnapshot() {
        TransactionTemplate repeatable = new TransactionTemplate(transactions);
        repeatable.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        assertThatThrownBy(() -> repeatable.executeWithoutResult(tx -> {
                    tx.setRollbackOnly();
                    entries.followAll(List.of(new Step<>(null, deposit("tr-snapshot", 1, BASE), null)));
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("READ COMMITTED");
    }

    private static TransferView deposit(String id, long amount, Instant at) {
        return new TransferView(
                id,
                TransferKind.DEPOSIT,
                "system-deposits",
                "wallet-a",
                amount,
                LedgerCurrency.KRW,
                false,
                TransferStatus.POSTED,
                Map.of(),
                at,
                at,
                null);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each transfer's events in order: created (posted at once, or held), then perhaps posted or voided. */
    private static List<List<Step<TransferView>>> histories(Random random, int count) {
        List<List<Step<TransferView>>> histories = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String from = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            String to = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            while (to.equals(from)) {
                to = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            }
            Instant created = BASE.plusMillis(random.nextInt(30));
            long amount = 1 + random.nextInt(500);
            boolean hold = random.nextBoolean();
            TransferView first = new TransferView(
                    "tr-" + i,
                    TransferKind.DEPOSIT,
                    from,
                    to,
                    amount,
                    LedgerCurrency.KRW,
                    hold,
                    hold ? TransferStatus.PENDING : TransferStatus.POSTED,
                    Map.of(),
                    created,
                    hold ? null : created,
                    null);
            List<Step<TransferView>> history = new ArrayList<>();
            history.add(new Step<>(null, first, null));
            if (hold && random.nextInt(3) > 0) {
                // another node's clock may stamp the settlement a little before the creation
                Instant settledAt = created.plusMillis(random.nextInt(12) - 2);
                TransferStatus status = random.nextBoolean() ? TransferStatus.POSTED : TransferStatus.VOIDED;
                history.add(new Step<>(first, first.settled(status, settledAt), null));
            }
            histories.add(history);
        }
        return histories;
    }

    /** Every transfer's events, interleaved at random, each transfer's in its own order. */
    private static List<Step<TransferView>> interleaved(List<List<Step<TransferView>>> histories, Random random) {
        List<Integer> draws = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            for (int n = 0; n < histories.get(i).size(); n++) {
                draws.add(i);
            }
        }
        Collections.shuffle(draws, random);
        int[] next = new int[histories.size()];
        List<Step<TransferView>> order = new ArrayList<>();
        for (int i : draws) {
            order.add(histories.get(i).get(next[i]++));
        }
        return order;
    }

    private void foldInBatches(List<Step<TransferView>> steps, Random random) {
        int from = 0;
        while (from < steps.size()) {
            int to = Math.min(steps.size(), from + 1 + random.nextInt(8));
            entries.followAll(steps.subList(from, to));
            from = to;
        }
    }

    private static void instantsOf(TransferView transfer, TreeSet<Instant> instants) {
        instants.add(transfer.createdAt());
        if (transfer.postedAt() != null) {
            instants.add(transfer.postedAt());
        }
        if (transfer.voidedAt() != null) {
            instants.add(transfer.voidedAt());
        }
    }

    private List<Long> read(String account, Instant asOf) {
        LedgerEntries.Statement statement = entries.balanceAndStatement(account, asOf, Paging.of(0, 1));
        return List.of(
                statement.balance().balance(),
                statement.balance().held(),
                statement.balance().entries(),
                statement.entries().total());
    }

    /** The balance as the entries' sums give it (how it was read before the versions): the reference. */
    private List<Long> summed(String account, Instant asOf) {
        return jdbc.sql("""
                        SELECT coalesce(sum(CASE WHEN posted_at <= :t
                                    THEN CASE direction WHEN 'CREDIT' THEN amount ELSE -amount END END), 0) AS posted,
                               coalesce(sum(CASE WHEN direction = 'DEBIT' AND (posted_at IS NULL OR posted_at > :t)
                                    AND (voided_at IS NULL OR voided_at > :t) THEN amount END), 0) AS held,
                               count(*) AS entries
                        FROM ledger_entry_view WHERE account_id = :account AND created_at <= :t""")
                .param("account", account)
                .param("t", Timestamp.from(asOf == null ? Instant.parse("9999-12-31T00:00:00Z") : asOf))
                .query((rs, n) -> List.of(
                        rs.getLong("posted") - rs.getLong("held"),
                        rs.getLong("held"),
                        rs.getLong("entries"),
                        rs.getLong("entries")))
                .single();
    }

    /** Rows of the two ledger tables this transaction has read so far, in the schema's copies. */
    private long rowsRead(String schema, Runnable read) {
        long before = rowsReadSoFar(schema);
        read.run();
        return rowsReadSoFar(schema) - before;
    }

    private long rowsReadSoFar(String schema) {
        return jdbc.sql("""
                        SELECT coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0) FROM pg_stat_xact_user_tables
                        WHERE schemaname = :schema""").param("schema", schema).query(Long.class).single();
    }

    private void assertSameRows(String one, String other) {
        String difference = "SELECT account_id, at, posted, held, entries FROM %s.ledger_balance_version"
                + " EXCEPT SELECT account_id, at, posted, held, entries FROM %s.ledger_balance_version";
        assertThat(jdbc.sql(difference.formatted(one, other)).query().listOfRows())
                .as("rows in %s only", one)
                .isEmpty();
        assertThat(jdbc.sql(difference.formatted(other, one)).query().listOfRows())
                .as("rows in %s only", other)
                .isEmpty();
    }

    private static String migrationBackfill() {
        try {
            String migration = new ClassPathResource("db/migration/V9_3__ledger_balance_versions.sql")
                    .getContentAsString(StandardCharsets.UTF_8);
            return migration.substring(migration.indexOf("INSERT INTO ledger_balance_version"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void use(String schema) {
        jdbc.sql("SET LOCAL search_path TO " + schema + ", public").update();
    }

    /** Schemas with empty copies of the ledger's entry and balance tables, dropped with the transaction. */
    private void inSchemas(int count, Consumer<List<String>> test) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.executeWithoutResult(tx -> {
            List<String> schemas = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String schema = "balances_" + UUID.randomUUID().toString().replace("-", "");
                jdbc.sql("CREATE SCHEMA " + schema).update();
                for (String table : List.of("ledger_entry_view", "ledger_balance_version")) {
                    jdbc.sql("CREATE TABLE %s.%s (LIKE public.%s INCLUDING ALL)".formatted(schema, table, table))
                            .update();
                }
                schemas.add(schema);
            }
            try {
                test.accept(schemas);
            } finally {
                tx.setRollbackOnly();
            }
        });
    }
}
