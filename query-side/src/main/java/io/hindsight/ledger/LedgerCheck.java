package io.hindsight.ledger;

import io.hindsight.ledger.LedgerFold.Balances;
import io.hindsight.ledger.api.FundsHeld;
import io.hindsight.ledger.api.FundsTransferred;
import io.hindsight.ledger.api.HoldPosted;
import io.hindsight.ledger.api.HoldVoided;
import io.hindsight.ledger.api.TransferEvent;
import io.hindsight.projection.EventStoreReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates the ledger's invariants on live data: per currency every account's credits less debits sum to
 * zero; no account of a user or a store is overdrawn; each transfer was created once and a hold settled at
 * most once, posted or voided but never both; and every balance the command side keeps equals the fold of
 * its account's transfer events. The balances and the events are read in one snapshot, in which each
 * transfer event and its balance change were committed together, so the comparison is exact under load.
 *
 * <p>It reads the command side's balance table on purpose: that table is what is being audited.
 */
@Service
public class LedgerCheck {

    private static final List<String> TRANSFER_EVENTS = List.of(
            FundsTransferred.class.getName(),
            FundsHeld.class.getName(),
            HoldPosted.class.getName(),
            HoldVoided.class.getName());
    private static final int PAGE = 1000;

    private final JdbcClient jdbc;
    private final EventStoreReader events;

    public LedgerCheck(JdbcClient jdbc, EventStoreReader events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Report check() {
        Map<String, Balances> kept = keptBalances();
        LedgerFold ledger = new LedgerFold();
        List<Violation> violations = new ArrayList<>();
        long after = 0;
        while (true) {
            List<TrackedEventMessage<?>> page = events.readOfTypes(after, Long.MAX_VALUE, PAGE, TRANSFER_EVENTS);
            for (TrackedEventMessage<?> message : page) {
                after = EventStoreReader.positionOf(message);
                try {
                    if (message.getPayload() instanceof TransferEvent event) {
                        ledger.add(after, event);
                    }
                } catch (RuntimeException e) {
                    violations.add(unreadable(message, e));
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        Map<String, Balances> folded = ledger.balances();

        Map<String, long[]> sums = new TreeMap<>();
        long negative = 0;
        for (Map.Entry<String, Balances> account : kept.entrySet()) {
            Balances balances = account.getValue();
            long[] sum = sums.computeIfAbsent(balances.currency(), c -> new long[2]);
            sum[0] += balances.postedSum();
            sum[1] += balances.pendingSum();
            if (balances.mayNotBeOverdrawn() && balances.available() < 0) {
                negative++;
                violations.add(new Violation(
                        "NEVER_BELOW_ZERO", account.getKey(), "available balance is " + balances.available()));
            } else {
                ledger.firstOverdrawn(account.getKey())
                        .ifPresent(
                                detail -> violations.add(new Violation("NEVER_BELOW_ZERO", account.getKey(), detail)));
            }
            Balances fold = folded.getOrDefault(account.getKey(), new Balances(balances.kind(), balances.currency()));
            if (!balances.sameAmounts(fold)) {
                violations.add(new Violation(
                        "BALANCE_IS_FOLD_OF_TRANSFERS", account.getKey(), "kept " + balances + ", folded " + fold));
            }
        }
        folded.keySet().stream()
                .filter(account -> !kept.containsKey(account))
                .forEach(account -> violations.add(new Violation(
                        "BALANCE_IS_FOLD_OF_TRANSFERS", account, "transfers name an account without balance")));
        sums.forEach((currency, sum) -> {
            if (sum[0] != 0 || sum[1] != 0) {
                violations.add(
                        new Violation("SUM_IS_ZERO", currency, "posted sum " + sum[0] + ", pending sum " + sum[1]));
            }
        });
        violations.addAll(ledger.lifecycleViolations());
        List<CurrencySum> currencies = sums.entrySet().stream()
                .map(e -> new CurrencySum(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
        return new Report(Instant.now(), currencies, negative, ledger.transfers(), kept.size(), violations);
    }

    /**
     * A transfer event that cannot be folded - its stored payload no longer deserializes, or lacks or garbles an
     * account, a currency or its transfer id (its bytes were changed) - is a finding rather than a failure of the
     * whole check; the balances it moved then differ from the fold and are reported too.
     */
    private static Violation unreadable(TrackedEventMessage<?> message, RuntimeException cause) {
        String subject = message instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier()
                : message.getIdentifier();
        return new Violation(
                "TRANSFER_IS_READABLE",
                subject,
                "the stored event at position " + EventStoreReader.positionOf(message) + " cannot be folded ("
                        + cause.getClass().getSimpleName() + ")");
    }

    private Map<String, Balances> keptBalances() {
        Map<String, Balances> kept = new TreeMap<>();
        jdbc.sql("SELECT * FROM ledger_account").query((RowCallbackHandler) rs -> {
            kept.put(
                    rs.getString("account_id"),
                    new Balances(
                            rs.getString("kind"),
                            rs.getString("currency"),
                            rs.getLong("debits_pending"),
                            rs.getLong("debits_posted"),
                            rs.getLong("credits_pending"),
                            rs.getLong("credits_posted")));
        });
        return kept;
    }

    /** What the ledger check found; {@code violations} is empty when every invariant holds. */
    public record Report(
            Instant checkedAt,
            List<CurrencySum> currencies,
            long negativeBalances,
            long transfers,
            long accounts,
            List<Violation> violations) {}

    /** Per currency, every account's posted credits less debits ({@code sum}) and the same of pending amounts. */
    public record CurrencySum(String currency, long sum, long pendingSum) {}

    /** One broken invariant: which, on what (an account, a transfer, a currency), and how. */
    public record Violation(String invariant, String subject, String detail) {}
}
