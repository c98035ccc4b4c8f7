package io.hindsight.ledger;

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
import java.util.Objects;
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
            FundsTransferred.class.getSimpleName(),
            FundsHeld.class.getSimpleName(),
            HoldPosted.class.getSimpleName(),
            HoldVoided.class.getSimpleName());
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
        Map<String, Balances> folded = new TreeMap<>();
        Map<String, Lifecycle> transfers = new TreeMap<>();
        List<Violation> violations = new ArrayList<>();
        long after = 0;
        while (true) {
            List<TrackedEventMessage<?>> page = events.read(after, Long.MAX_VALUE, PAGE, TRANSFER_EVENTS);
            for (TrackedEventMessage<?> message : page) {
                try {
                    if (message.getPayload() instanceof TransferEvent event) {
                        fold(event, folded);
                        transfers
                                .computeIfAbsent(event.transferId().value(), id -> new Lifecycle())
                                .count(event);
                    }
                } catch (RuntimeException e) {
                    violations.add(unreadable(message, e));
                }
                after = EventStoreReader.positionOf(message);
            }
            if (page.size() < PAGE) {
                break;
            }
        }

        Map<String, long[]> sums = new TreeMap<>();
        long negative = 0;
        for (Map.Entry<String, Balances> account : kept.entrySet()) {
            Balances balances = account.getValue();
            long[] sum = sums.computeIfAbsent(balances.currency, c -> new long[2]);
            sum[0] += balances.creditsPosted - balances.debitsPosted;
            sum[1] += balances.creditsPending - balances.debitsPending;
            if (!"SYSTEM".equals(balances.kind) && balances.available() < 0) {
                negative++;
                violations.add(new Violation(
                        "NEVER_BELOW_ZERO", account.getKey(), "available balance is " + balances.available()));
            }
            Balances fold = folded.getOrDefault(account.getKey(), new Balances(balances.kind, balances.currency));
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
        transfers.forEach((transferId, lifecycle) -> lifecycle.violations(transferId, violations));
        List<CurrencySum> currencies = sums.entrySet().stream()
                .map(e -> new CurrencySum(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
        return new Report(Instant.now(), currencies, negative, transfers.size(), kept.size(), violations);
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
            Balances balances = new Balances(rs.getString("kind"), rs.getString("currency"));
            balances.debitsPending = rs.getLong("debits_pending");
            balances.debitsPosted = rs.getLong("debits_posted");
            balances.creditsPending = rs.getLong("credits_pending");
            balances.creditsPosted = rs.getLong("credits_posted");
            kept.put(rs.getString("account_id"), balances);
        });
        return kept;
    }

    private static void fold(TransferEvent event, Map<String, Balances> folded) {
        Balances from = folded.computeIfAbsent(
                event.from().value(),
                id -> new Balances(event.from().kind().name(), event.currency().name()));
        Balances to = folded.computeIfAbsent(
                event.to().value(),
                id -> new Balances(event.to().kind().name(), event.currency().name()));
        long amount = event.amount();
        if (event instanceof FundsTransferred) {
            from.debitsPosted += amount;
            to.creditsPosted += amount;
        } else if (event instanceof FundsHeld) {
            from.debitsPending += amount;
            to.creditsPending += amount;
        } else if (event instanceof HoldPosted) {
            from.debitsPending -= amount;
            from.debitsPosted += amount;
            to.creditsPending -= amount;
            to.creditsPosted += amount;
        } else if (event instanceof HoldVoided) {
            from.debitsPending -= amount;
            to.creditsPending -= amount;
        }
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

    private static final class Balances {
        private final String kind;
        private final String currency;
        private long debitsPending;
        private long debitsPosted;
        private long creditsPending;
        private long creditsPosted;

        Balances(String kind, String currency) {
            this.kind = kind;
            this.currency = currency;
        }

        long available() {
            return creditsPosted - debitsPosted - debitsPending;
        }

        boolean sameAmounts(Balances other) {
            return debitsPending == other.debitsPending
                    && debitsPosted == other.debitsPosted
                    && creditsPending == other.creditsPending
                    && creditsPosted == other.creditsPosted
                    && Objects.equals(currency, other.currency);
        }

        @Override
        public String toString() {
            return "debits " + debitsPosted + "+" + debitsPending + " pending, credits " + creditsPosted + "+"
                    + creditsPending + " pending";
        }
    }

    /** How often a transfer was created, posted and voided. */
    private static final class Lifecycle {
        private int created;
        private int holds;
        private int posted;
        private int voided;

        void count(TransferEvent event) {
            if (event instanceof FundsTransferred) {
                created++;
            } else if (event instanceof FundsHeld) {
                created++;
                holds++;
            } else if (event instanceof HoldPosted) {
                posted++;
            } else if (event instanceof HoldVoided) {
                voided++;
            }
        }

        void violations(String transferId, List<Violation> violations) {
            if (created != 1) {
                violations.add(new Violation("APPLIED_ONCE", transferId, "created " + created + " times"));
            }
            if (posted + voided > holds) {
                violations.add(new Violation(
                        "SETTLED_ONCE",
                        transferId,
                        "posted " + posted + " and voided " + voided + " times, held " + holds + " times"));
            }
        }
    }
}
