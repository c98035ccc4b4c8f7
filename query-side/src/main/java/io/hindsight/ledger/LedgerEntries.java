package io.hindsight.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.TransferStatus;
import io.hindsight.projection.SqlArrays;
import io.hindsight.projection.SqlInstants;
import io.hindsight.projection.ViewFollower;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each transfer as each of its two accounts sees it, one row per (account, transfer), written from the
 * transfer's view: a redelivered event writes the same row again. Rows of one account are only ever written
 * by that transfer's events, so no row is shared by concurrent batches.
 *
 * <p>Beside them, each account's balance from every instant it changed on ({@link BalanceVersions}), so that
 * a balance now or as of an instant is one index probe however many transfers the account has seen.
 */
@Repository
public class LedgerEntries implements ViewFollower<TransferView> {

    static final String TABLE = "ledger_entry_view";
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final BalanceVersions balances;

    public LedgerEntries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.balances = new BalanceVersions(jdbc);
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE, BalanceVersions.TABLE);
    }

    @Override
    public void follow(Step<TransferView> step) {
        followAll(List.of(step));
    }

    /** The batch's entries in one statement (each transfer as its last event left it), then its balance changes. */
    @Override
    public void followAll(List<Step<TransferView>> steps) {
        Map<String, TransferView> latest = new LinkedHashMap<>();
        steps.forEach(step -> latest.put(step.view().transferId(), step.view()));
        List<Entry> entries = new ArrayList<>();
        latest.values().forEach(transfer -> {
            entries.add(new Entry(transfer, transfer.from(), "DEBIT", transfer.to()));
            entries.add(new Entry(transfer, transfer.to(), "CREDIT", transfer.from()));
        });
        jdbc.sql("""
                        INSERT INTO ledger_entry_view (account_id, transfer_id, direction, kind, amount, currency,
                            counterparty, status, created_at, posted_at, voided_at, refs)
                        SELECT * FROM unnest(CAST(:accounts AS text[]), CAST(:transfers AS text[]),
                            CAST(:directions AS text[]), CAST(:kinds AS text[]), CAST(:amounts AS bigint[]),
                            CAST(:currencies AS text[]), CAST(:counterparties AS text[]), CAST(:statuses AS text[]),
                            CAST(:created AS timestamptz[]), CAST(:posted AS timestamptz[]),
                            CAST(:voided AS timestamptz[]), CAST(:refs AS jsonb[]))
                        ON CONFLICT (account_id, transfer_id) DO UPDATE SET status = excluded.status,
                            posted_at = excluded.posted_at, voided_at = excluded.voided_at""")
                .param("accounts", SqlArrays.literal(entries, Entry::account))
                .param("transfers", SqlArrays.literal(entries, e -> e.transfer().transferId()))
                .param("directions", SqlArrays.literal(entries, Entry::direction))
                .param("kinds", SqlArrays.literal(entries, e -> e.transfer().kind()))
                .param("amounts", SqlArrays.literal(entries, e -> e.transfer().amount()))
                .param(
                        "currencies",
                        SqlArrays.literal(entries, e -> e.transfer().currency()))
                .param("counterparties", SqlArrays.literal(entries, Entry::counterparty))
                .param("statuses", SqlArrays.literal(entries, e -> e.transfer().status()))
                .param("created", SqlArrays.literal(entries, e -> e.transfer().createdAt()))
                .param("posted", SqlArrays.literal(entries, e -> e.transfer().postedAt()))
                .param("voided", SqlArrays.literal(entries, e -> e.transfer().voidedAt()))
                .param("refs", SqlArrays.literal(entries, e -> write(e.transfer())))
                .update();
        balances.add(steps);
    }

    /** One side of a transfer: the account, which way the money went for it, and the other account. */
    private record Entry(TransferView transfer, String account, String direction, String counterparty) {}

    /**
     * The account's balance and one page of its entries, read from one snapshot: read apart, a transfer committed
     * between the two reads was in the list and not in the balance.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Statement balanceAndStatement(String accountId, Instant asOf, Paging paging) {
        AccountBalance balance = balances.at(accountId, until(asOf));
        return new Statement(balance, statement(accountId, asOf, paging, balance.entries()));
    }

    /** An account's balance with a page of its entries, as of one moment. */
    public record Statement(AccountBalance balance, Page<LedgerEntry> entries) {}

    /** The account's entries up to {@code asOf} (now when null), newest first, each with its status then. */
    private Page<LedgerEntry> statement(String accountId, Instant asOf, Paging paging, long total) {
        Timestamp t = until(asOf);
        List<LedgerEntry> items = jdbc.sql("""
                        SELECT transfer_id, direction, kind, amount, counterparty, created_at, refs::text AS refs,
                               CASE WHEN posted_at <= :t THEN 'POSTED' WHEN voided_at <= :t THEN 'VOIDED'
                                    ELSE 'PENDING' END AS status_then
                        FROM ledger_entry_view WHERE account_id = :account AND created_at <= :t
                        ORDER BY created_at DESC, transfer_id DESC LIMIT :limit OFFSET :offset""")
                .param("account", accountId)
                .param("t", t)
                .param("limit", paging.limit())
                .param("offset", paging.offset())
                .query((rs, n) -> new LedgerEntry(
                        rs.getString("transfer_id"),
                        TransferKind.valueOf(rs.getString("kind")),
                        "CREDIT".equals(rs.getString("direction")) ? rs.getLong("amount") : -rs.getLong("amount"),
                        TransferStatus.valueOf(rs.getString("status_then")),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("counterparty"),
                        read(rs.getString("refs"))))
                .list();
        return Page.of(items, total, paging);
    }

    private static Timestamp until(Instant asOf) {
        return SqlInstants.bounded(asOf == null ? FAR_FUTURE : asOf);
    }

    private Map<String, String> read(String references) {
        try {
            return json.readValue(references, new TypeReference<TreeMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored references are not readable: " + references, e);
        }
    }

    private String write(TransferView transfer) {
        try {
            return json.writeValueAsString(transfer.references());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("References of " + transfer.transferId() + " cannot be written", e);
        }
    }
}
