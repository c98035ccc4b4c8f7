package io.hindsight.ledger.guard;

import io.hindsight.common.BusinessException;
import io.hindsight.ledger.LedgerBalance;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerAccountKind;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.ledger.api.TransferId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The balances of every ledger account ({@code ledger_account}), written in the transaction of the transfer
 * event that moves them. A movement first locks the rows of every account it touches, in account id order,
 * so two transfers over the same accounts queue instead of deadlocking; then refuses what would overdraw an
 * account of a user or a store (the table's CHECK is the last guard); then moves the amounts.
 */
@Repository
public class LedgerBalances implements HoldMoves {

    /** Ids a locking statement names at most. */
    static final int LOCKED_PER_STATEMENT = 1_000;

    private final JdbcClient jdbc;

    public LedgerBalances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the account, or refuses with WALLET_EXISTS / ACCOUNT_EXISTS when it is open already. */
    public void openOrRefuse(LedgerAccountId accountId) {
        if (!openIfMissing(accountId)) {
            throw new BusinessException(
                    LedgerError.exists(accountId.kind()), "Ledger account %s is open already", accountId);
        }
    }

    /** Opens the account unless it is open; answers whether this call opened it. */
    public boolean openIfMissing(LedgerAccountId accountId) {
        return jdbc.sql("""
                        INSERT INTO ledger_account (account_id, kind, currency) VALUES (:id, :kind, :currency)
                        ON CONFLICT (account_id) DO NOTHING""")
                        .param("id", accountId.value())
                        .param("kind", accountId.kind().name())
                        .param("currency", accountId.currency().name())
                        .update()
                == 1;
    }

    /**
     * Locks the rows of the accounts, in account id order, until the transaction ends; refuses with
     * WALLET_REQUIRED / ACCOUNT_REQUIRED when one of them is not open. Locking rows this transaction holds
     * already costs nothing, so a transaction that moves many holds locks every account first.
     */
    public Map<LedgerAccountId, LedgerBalance> lockOrRefuse(Collection<LedgerAccountId> accounts) {
        List<String> ids = new TreeSet<>(
                        accounts.stream().map(LedgerAccountId::value).toList())
                .stream().toList();
        Map<LedgerAccountId, LedgerBalance> locked = lock(ids);
        if (locked.size() < ids.size()) {
            accounts.stream()
                    .filter(id -> id.kind() == LedgerAccountKind.SYSTEM && !locked.containsKey(id))
                    .forEach(this::openIfMissing);
            locked.putAll(lock(ids));
        }
        for (LedgerAccountId account : accounts) {
            if (!locked.containsKey(account)) {
                throw new BusinessException(
                        LedgerError.missing(account.kind()), "There is no open ledger account %s", account);
            }
        }
        return locked;
    }

    /**
     * Takes {@code amount} from {@code from}'s available balance for transfer {@code transferId}, or refuses. A
     * transfer this node found missing may have been made by another node while this one waited for the rows, and
     * then it is the balance that moved: a lost race, retried on the winner's state (a second funding of a campaign is
     * {@code ALREADY_FUNDED}, not {@code INSUFFICIENT_FUNDS}). Asked only when refusing.
     */
    public void refuseOverdraft(TransferId transferId, LedgerBalance from, long amount) {
        if (!from.accountId().kind().mayGoNegative() && from.balance() < amount) {
            if (recorded(transferId)) {
                throw new ConcurrencyException("Transfer " + transferId + " was made by another transaction");
            }
            throw new BusinessException(
                    LedgerError.insufficient(from.accountId().kind()),
                    "Cannot take %d from %s: its available balance is %d",
                    amount,
                    from.accountId(),
                    from.balance());
        }
    }

    private boolean recorded(TransferId transferId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = :id)")
                .param("id", transferId.value())
                .query(Boolean.class)
                .single();
    }

    /** A posted transfer: {@code from} is debited, {@code to} credited. */
    public void transfer(LedgerAccountId from, LedgerAccountId to, long amount) {
        move(from, "debits_posted = debits_posted + :amount", amount);
        move(to, "credits_posted = credits_posted + :amount", amount);
    }

    /** A pending transfer: the amount is held on both sides until posted or voided. */
    public void hold(LedgerAccountId from, LedgerAccountId to, long amount) {
        move(from, "debits_pending = debits_pending + :amount", amount);
        move(to, "credits_pending = credits_pending + :amount", amount);
    }

    /** Settles one hold: locks both rows (in id order), then moves its amount. */
    @Override
    public void post(LedgerAccountId from, LedgerAccountId to, long amount) {
        lockOrRefuse(List.of(from, to));
        settle(
                from,
                "debits_pending",
                "debits_pending = debits_pending - :amount, debits_posted = debits_posted + :amount",
                amount);
        settle(
                to,
                "credits_pending",
                "credits_pending = credits_pending - :amount, credits_posted = credits_posted + :amount",
                amount);
    }

    @Override
    public void release(LedgerAccountId from, LedgerAccountId to, long amount) {
        lockOrRefuse(List.of(from, to));
        settle(from, "debits_pending", "debits_pending = debits_pending - :amount", amount);
        settle(to, "credits_pending", "credits_pending = credits_pending - :amount", amount);
    }

    /** Moves for many holds whose accounts this transaction has locked, written together by their {@code write}. */
    public SummedHoldMoves summedMoves() {
        return new SummedHoldMoves(this);
    }

    /**
     * Refuses to let the wallet's owner go while it holds money, or money is held on its way out or in: nobody could
     * withdraw it afterwards, nor have a held amount given back. Locks the wallet's row, so a transfer waiting for it
     * runs after the resignation (and its owner's own commands are then refused).
     */
    public void emptyOrRefuse(LedgerAccountId wallet) {
        jdbc.sql("SELECT * FROM ledger_account WHERE account_id = :id FOR UPDATE")
                .param("id", wallet.value())
                .query((RowCallbackHandler) rs -> {
                    long available =
                            rs.getLong("credits_posted") - rs.getLong("debits_posted") - rs.getLong("debits_pending");
                    long heldOut = rs.getLong("debits_pending");
                    long heldIn = rs.getLong("credits_pending");
                    if (available != 0 || heldOut != 0 || heldIn != 0) {
                        throw new BusinessException(
                                LedgerError.WALLET_NOT_EMPTY,
                                "Cannot resign while your wallet holds money: %d available (withdraw it first), %d held"
                                        + " for payments and %d on its way in (wait until they are settled)",
                                available,
                                heldOut,
                                heldIn);
                    }
                });
    }

    /** The account's balance now, as this transaction sees it. */
    public Optional<LedgerBalance> balanceOf(LedgerAccountId accountId) {
        return jdbc.sql("SELECT * FROM ledger_account WHERE account_id = :id")
                .param("id", accountId.value())
                .query((rs, n) -> LedgerBalance.of(
                        accountId,
                        rs.getLong("debits_pending"),
                        rs.getLong("debits_posted"),
                        rs.getLong("credits_pending"),
                        rs.getLong("credits_posted")))
                .optional();
    }

    /**
     * Locks the rows in id order, {@link #LOCKED_PER_STATEMENT} ids a statement, each chunk one array parameter: a
     * campaign's end locks its publisher's wallet and every backer's, and a parameter per account is capped at 65,535
     * by the PostgreSQL protocol (a campaign of that many backers could never end). A connection also keeps the plan
     * it made for the statement while the table was small: a scan comparing every row with every id, harmless for the
     * two ids of a transfer and quadratic for a campaign end's tens of thousands (a minute in CI, where a statement
     * may keep the socket silent for 3 s). Many ids are therefore planned afresh, with the ids at hand, for the rest
     * of the transaction, and chunks keep each statement short.
     */
    private Map<LedgerAccountId, LedgerBalance> lock(List<String> ids) {
        Map<LedgerAccountId, LedgerBalance> locked = new LinkedHashMap<>();
        if (ids.size() > LOCKED_PER_STATEMENT) {
            jdbc.sql("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
                    .query(String.class)
                    .single();
        }
        for (int from = 0; from < ids.size(); from += LOCKED_PER_STATEMENT) {
            lockInto(locked, ids.subList(from, Math.min(ids.size(), from + LOCKED_PER_STATEMENT)));
        }
        return locked;
    }

    private void lockInto(Map<LedgerAccountId, LedgerBalance> locked, List<String> ids) {
        jdbc.sql("SELECT * FROM ledger_account WHERE account_id = ANY (:ids) ORDER BY account_id FOR UPDATE")
                .param("ids", ids.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> {
                    LedgerAccountId id = LedgerAccountId.of(rs.getString("account_id"));
                    locked.put(
                            id,
                            LedgerBalance.of(
                                    id,
                                    rs.getLong("debits_pending"),
                                    rs.getLong("debits_posted"),
                                    rs.getLong("credits_pending"),
                                    rs.getLong("credits_posted")));
                });
    }

    /**
     * Writes summed hold moves, {@link #LOCKED_PER_STATEMENT} accounts a statement, each column one array parameter
     * (the order the rows were locked in). A row whose pending sums are no longer there means another node settled one
     * of the holds meanwhile, as in {@link #settle}: a lost race.
     */
    void settleSummed(List<Map.Entry<String, long[]>> sums) {
        for (int from = 0; from < sums.size(); from += LOCKED_PER_STATEMENT) {
            List<Map.Entry<String, long[]>> chunk =
                    sums.subList(from, Math.min(sums.size(), from + LOCKED_PER_STATEMENT));
            int updated = jdbc.sql("""
                            UPDATE ledger_account a
                            SET debits_pending = a.debits_pending - m.debits_settled,
                                debits_posted = a.debits_posted + m.debits_posted,
                                credits_pending = a.credits_pending - m.credits_settled,
                                credits_posted = a.credits_posted + m.credits_posted
                            FROM unnest(CAST(:ids AS text[]), CAST(:debitsSettled AS bigint[]),
                                        CAST(:debitsPosted AS bigint[]), CAST(:creditsSettled AS bigint[]),
                                        CAST(:creditsPosted AS bigint[]))
                                AS m (account_id, debits_settled, debits_posted, credits_settled, credits_posted)
                            WHERE a.account_id = m.account_id
                              AND a.debits_pending >= m.debits_settled
                              AND a.credits_pending >= m.credits_settled""")
                    .param("ids", chunk.stream().map(Map.Entry::getKey).toArray(String[]::new))
                    .param("debitsSettled", column(chunk, 0))
                    .param("debitsPosted", column(chunk, 1))
                    .param("creditsSettled", column(chunk, 2))
                    .param("creditsPosted", column(chunk, 3))
                    .update();
            if (updated != chunk.size()) {
                throw new ConcurrencyException("A pending amount of " + (chunk.size() - updated)
                        + " ledger account(s) was settled by another transaction");
            }
        }
    }

    private static Long[] column(List<Map.Entry<String, long[]>> sums, int column) {
        return sums.stream().map(sum -> sum.getValue()[column]).toArray(Long[]::new);
    }

    /**
     * Moves a hold's amount out of {@code pending}. Less than that pending means another node settled the hold after
     * this one loaded it as pending (the row lock made this one wait for it): a lost race, retried on the winner's
     * state, where the table's CHECK had failed it as a 500.
     */
    private void settle(LedgerAccountId account, String pending, String assignments, long amount) {
        int updated = jdbc.sql("UPDATE ledger_account SET " + assignments + " WHERE account_id = :id AND " + pending
                        + " >= :amount")
                .param("id", account.value())
                .param("amount", amount)
                .update();
        if (updated != 1) {
            throw new ConcurrencyException(
                    "The pending amount of ledger account " + account + " was settled by another transaction");
        }
    }

    private void move(LedgerAccountId account, String assignments, long amount) {
        int updated = jdbc.sql("UPDATE ledger_account SET " + assignments + " WHERE account_id = :id")
                .param("id", account.value())
                .param("amount", amount)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Ledger account " + account + " vanished while locked");
        }
    }
}
