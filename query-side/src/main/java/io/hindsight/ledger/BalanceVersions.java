package io.hindsight.ledger;

import io.hindsight.projection.SqlArrays;
import io.hindsight.projection.ViewFollower.Step;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * rows are written by transfers of any segment: each batch locks the accounts it touches first, in one order.
 */
final class BalanceVersions {

    static final String TABLE = "ledger_balance_version";

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::account).thenComparing(Key::at);

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

    /** Adds what the batch's events changed, in three statements whatever the batch's size. */
    void add(List<Step<TransferView>> steps) {
        Map<Key, long[]> deltas = new TreeMap<>(ORDER);
        for (Step<TransferView> step : steps) {
            TransferView after = step.view();
            addChange(deltas, after.from(), step.before(), after, true);
            addChange(deltas, after.to(), step.before(), after, false);
        }
        if (deltas.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(deltas.keySet());
        List<String> accounts = keys.stream().map(Key::account).distinct().toList();
        jdbc.sql("""
                        SELECT count(pg_advisory_xact_lock(hashtextextended(current_schema() || '/balance/' || a, 0)))
                        FROM unnest(CAST(:accounts AS text[])) a""")
                .param("accounts", SqlArrays.literal(accounts, a -> a))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        INSERT INTO ledger_balance_version (account_id, at, posted, held, entries)
                        SELECT d.account_id, d.at, coalesce(p.posted, 0), coalesce(p.held, 0), coalesce(p.entries, 0)
                        FROM unnest(CAST(:accounts AS text[]), CAST(:ats AS timestamptz[])) AS d(account_id, at)
                        LEFT JOIN LATERAL (
                            SELECT posted, held, entries FROM ledger_balance_version v
                            WHERE v.account_id = d.account_id AND v.at < d.at ORDER BY v.at DESC LIMIT 1) p ON true
                        ON CONFLICT (account_id, at) DO NOTHING""")
                .param("accounts", SqlArrays.literal(keys, Key::account))
                .param("ats", SqlArrays.literal(keys, Key::at))
                .update();
        jdbc.sql("""
                        UPDATE ledger_balance_version v
                        SET posted = v.posted + s.posted, held = v.held + s.held, entries = v.entries + s.entries
                        FROM (SELECT r.account_id, r.at, sum(d.posted) AS posted, sum(d.held) AS held,
                                     sum(d.entries) AS entries
                              FROM unnest(CAST(:accounts AS text[]), CAST(:ats AS timestamptz[]),
                                          CAST(:posted AS bigint[]), CAST(:held AS bigint[]),
                                          CAST(:entries AS bigint[])) AS d(account_id, at, posted, held, entries)
                              JOIN ledger_balance_version r ON r.account_id = d.account_id AND r.at >= d.at
                              GROUP BY r.account_id, r.at) s
                        WHERE v.account_id = s.account_id AND v.at = s.at""")
                .param("accounts", SqlArrays.literal(keys, Key::account))
                .param("ats", SqlArrays.literal(keys, Key::at))
                .param("posted", SqlArrays.literal(keys, key -> deltas.get(key)[0]))
                .param("held", SqlArrays.literal(keys, key -> deltas.get(key)[1]))
                .param("entries", SqlArrays.literal(keys, key -> deltas.get(key)[2]))
                .update();
    }

    /**
     * The change one event made to one side's entry, per instant. An instant the entry already changed the
     * balance at, by the same amounts, changes nothing; one it newly changes it at gets its row even when the
     * amounts of several entries there cancel out, so that the rows are the same however events were batched.
     */
    private static void addChange(
            Map<Key, long[]> deltas, String account, TransferView before, TransferView after, boolean debit) {
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
            long[] delta = deltas.computeIfAbsent(new Key(account, at), key -> new long[3]);
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
        long[] step = steps.computeIfAbsent(at, key -> new long[3]);
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

    private record Key(String account, Instant at) {}
}
