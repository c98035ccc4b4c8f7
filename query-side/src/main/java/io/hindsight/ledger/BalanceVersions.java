package io.hindsight.ledger;

import io.hindsight.projection.SqlArrays;
import io.hindsight.projection.SqlInstants;
import io.hindsight.projection.ViewFollower.Step;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each ledger account's balance from every instant it changed on: posted credits less posted debits, what
 * pending debits hold, and how many entries it has, each as the entries' times say - the same sums a scan of
 * the account's entries gives at any instant, kept so that a read is one index probe, not a scan of every
 * transfer the account ever saw (a store's wallet or a system account sees them all).
 *
 * <p>An event adds to the rows from its instant on what it changed: the view after it less the view before it.
 * The fold hands each event to its followers once, in the transaction that advances its transfer's row, so a
 * delta is never added twice. An event may come after one with a later time (two nodes' commits, two segments):
 * it then adds to the later rows too, so every row stays the sum of all changes up to its instant. One account's
 * rows are written by transfers of any segment: each batch locks the accounts it touches first, in one order, so
 * two segments take turns on an account they share and never wait for each other in a circle. Rows are keyed by
 * the instant as the column keeps it (whole microseconds), whatever digits an event's instant has.
 */
final class BalanceVersions {

    static final String TABLE = "ledger_balance_version";

    private final JdbcClient jdbc;

    BalanceVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's balance at {@code at}, as the sum of its entries would give it. */
    AccountBalance at(String accountId, Timestamp at) {
        return jdbc.sql("""
                        SELECT posted, held, entries FROM ledger_balance_version
                        WHERE account_id = :account AND at <= :at ORDER BY at DESC LIMIT 1""")
                .param("account", accountId)
                .param("at", at)
                .query((rs, n) -> new AccountBalance(
                        rs.getLong("posted") - rs.getLong("held"), rs.getLong("held"), rs.getLong("entries")))
                .optional()
                .orElse(new AccountBalance(0, 0, 0));
    }

    /**
     * Adds what the batch's events changed: the accounts locked, their rows from just before the batch's earliest
     * change read, the new rows computed here and written by key - three statements whatever the batch's size. (A
     * ranged {@code UPDATE} let the planner guess a third of an account's rows and scan the whole table.)
     */
    void add(List<Step<TransferView>> steps) {
        Map<String, TreeMap<Instant, long[]>> deltas = new TreeMap<>();
        for (Step<TransferView> step : steps) {
            TransferView after = step.view();
            addChange(deltas, after.from(), step.before(), after, true);
            addChange(deltas, after.to(), step.before(), after, false);
        }
        if (deltas.isEmpty()) {
            return;
        }
        List<String> accounts = new ArrayList<>(deltas.keySet());
        String isolation = jdbc.sql("""
                        SELECT current_setting('transaction_isolation') FROM (
                            SELECT count(pg_advisory_xact_lock(hashtextextended(current_schema() || '/balance/' || a, 0)))
                            FROM unnest(CAST(:accounts AS text[])) a) locked""")
                .param("accounts", SqlArrays.literal(accounts, a -> a))
                .query(String.class)
                .single();
        if (!"read committed".equals(isolation)) {
            // a snapshot taken before the locks would not see what the other segment committed while this one waited
            throw new IllegalStateException("Balance versions are written in READ COMMITTED only, not " + isolation);
        }
        Map<String, TreeMap<Instant, long[]>> stored = new TreeMap<>();
        jdbc.sql("""
                        SELECT e.account_id, r.at, r.posted, r.held, r.entries
                        FROM unnest(CAST(:accounts AS text[]), CAST(:firsts AS timestamptz[])) AS e(account_id, first)
                        CROSS JOIN LATERAL (
                            (SELECT at, posted, held, entries FROM ledger_balance_version v
                             WHERE v.account_id = e.account_id AND v.at < e.first ORDER BY v.at DESC LIMIT 1)
                            UNION ALL
                            (SELECT at, posted, held, entries FROM ledger_balance_version v
                             WHERE v.account_id = e.account_id AND v.at >= e.first)) r""")
                .param("accounts", SqlArrays.literal(accounts, a -> a))
                .param("firsts", SqlArrays.literal(accounts, a -> deltas.get(a).firstKey()))
                .query(rs -> {
                    stored.computeIfAbsent(rs.getString("account_id"), a -> new TreeMap<>())
                            .put(
                                    rs.getTimestamp("at").toInstant(),
                                    new long[] {rs.getLong("posted"), rs.getLong("held"), rs.getLong("entries")});
                });
        List<Row> rows = new ArrayList<>();
        deltas.forEach((account, changes) ->
                rows.addAll(changed(account, stored.getOrDefault(account, new TreeMap<>()), changes)));
        jdbc.sql("""
                        INSERT INTO ledger_balance_version (account_id, at, posted, held, entries)
                        SELECT * FROM unnest(CAST(:accounts AS text[]), CAST(:ats AS timestamptz[]),
                            CAST(:posted AS bigint[]), CAST(:held AS bigint[]), CAST(:entries AS bigint[]))
                        ON CONFLICT (account_id, at) DO UPDATE
                        SET posted = excluded.posted, held = excluded.held, entries = excluded.entries""")
                .param("accounts", SqlArrays.literal(rows, Row::account))
                .param("ats", SqlArrays.literal(rows, Row::at))
                .param("posted", SqlArrays.literal(rows, row -> row.sums()[0]))
                .param("held", SqlArrays.literal(rows, row -> row.sums()[1]))
                .param("entries", SqlArrays.literal(rows, row -> row.sums()[2]))
                .update();
    }

    /**
     * The account's rows from its earliest change on: each stored row plus the changes up to its instant, and a
     * new row at each instant of a change that has none, from the stored row before it.
     */
    private static List<Row> changed(
            String account, TreeMap<Instant, long[]> stored, TreeMap<Instant, long[]> changes) {
        TreeSet<Instant> instants =
                new TreeSet<>(stored.tailMap(changes.firstKey(), true).keySet());
        instants.addAll(changes.keySet());
        List<Row> rows = new ArrayList<>();
        long[] added = new long[3];
        for (Instant at : instants) {
            long[] change = changes.get(at);
            if (change != null) {
                for (int i = 0; i < 3; i++) {
                    added[i] += change[i];
                }
            }
            Map.Entry<Instant, long[]> base = stored.floorEntry(at);
            long[] sums = base == null ? new long[3] : base.getValue().clone();
            for (int i = 0; i < 3; i++) {
                sums[i] += added[i];
            }
            rows.add(new Row(account, at, sums));
        }
        return rows;
    }

    /**
     * The change one event made to one side's entry, per instant. An instant the entry already changed the
     * balance at, by the same amounts, changes nothing; one it newly changes it at gets its row even when the
     * amounts of several entries there cancel out, so that the rows are the same however events were batched.
     */
    private static void addChange(
            Map<String, TreeMap<Instant, long[]>> deltas,
            String account,
            TransferView before,
            TransferView after,
            boolean debit) {
        Map<Instant, long[]> was = before == null ? Map.of() : contributions(before, debit);
        Map<Instant, long[]> is = contributions(after, debit);
        TreeSet<Instant> instants = new TreeSet<>(was.keySet());
        instants.addAll(is.keySet());
        for (Instant at : instants) {
            long[] old = was.get(at);
            long[] now = is.get(at);
            if (old != null && now != null && Arrays.equals(old, now)) {
                continue;
            }
            long[] delta =
                    deltas.computeIfAbsent(account, a -> new TreeMap<>()).computeIfAbsent(at, key -> new long[3]);
            for (int i = 0; i < 3; i++) {
                delta[i] += (now == null ? 0 : now[i]) - (old == null ? 0 : old[i]);
            }
        }
    }

    /**
     * What one entry adds to its account's posted sum, held sum and entry count from each instant on: counted
     * from its creation; posted from when it was posted (not before it existed); a debit held from its creation
     * until it was posted or voided, whichever came first.
     */
    static Map<Instant, long[]> contributions(TransferView transfer, boolean debit) {
        Map<Instant, long[]> steps = new TreeMap<>();
        Instant created = transfer.createdAt();
        long amount = transfer.amount();
        add(steps, created, 0, debit ? amount : 0, 1);
        if (transfer.postedAt() != null) {
            add(steps, latest(created, transfer.postedAt()), debit ? -amount : amount, 0, 0);
        }
        Instant released = earliest(transfer.postedAt(), transfer.voidedAt());
        if (debit && released != null) {
            add(steps, latest(created, released), 0, -amount, 0);
        }
        return steps;
    }

    private static void add(Map<Instant, long[]> steps, Instant at, long posted, long held, long entries) {
        long[] step = steps.computeIfAbsent(SqlInstants.asStored(at), key -> new long[3]);
        step[0] += posted;
        step[1] += held;
        step[2] += entries;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isBefore(b) ? a : b;
    }

    private record Row(String account, Instant at, long[] sums) {}
}
