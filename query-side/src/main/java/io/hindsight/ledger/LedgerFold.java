package io.hindsight.ledger;

import io.hindsight.ledger.LedgerCheck.Violation;
import io.hindsight.ledger.api.FundsHeld;
import io.hindsight.ledger.api.FundsTransferred;
import io.hindsight.ledger.api.HoldPosted;
import io.hindsight.ledger.api.HoldVoided;
import io.hindsight.ledger.api.LedgerAccountKind;
import io.hindsight.ledger.api.TransferEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ledger as its transfer events fold it, in the order they were stored: every account's balances, how often
 * each transfer was created and settled, and the first time an account that may not be overdrawn was. Two transfers
 * of one account are stored in the order they took its balance row's lock, so an overdraft in this order is one
 * the command side let happen, even when later money hides it from the balance kept now.
 */
final class LedgerFold {

    private final Map<String, Balances> balances = new TreeMap<>();
    private final Map<String, Lifecycle> transfers = new TreeMap<>();
    private final Map<String, String> firstOverdrawn = new TreeMap<>();

    void add(long position, TransferEvent event) {
        Balances from = balances.computeIfAbsent(
                event.from().value(),
                id -> new Balances(event.from().kind().name(), event.currency().name()));
        Balances to = balances.computeIfAbsent(
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
        if (from.mayNotBeOverdrawn() && from.available() < 0) {
            firstOverdrawn.putIfAbsent(
                    event.from().value(), "available balance went to " + from.available() + " at position " + position);
        }
        transfers
                .computeIfAbsent(event.transferId().value(), id -> new Lifecycle())
                .count(event);
    }

    Map<String, Balances> balances() {
        return balances;
    }

    /** How the account was first overdrawn, if it ever was. */
    Optional<String> firstOverdrawn(String account) {
        return Optional.ofNullable(firstOverdrawn.get(account));
    }

    long transfers() {
        return transfers.size();
    }

    List<Violation> lifecycleViolations() {
        List<Violation> violations = new ArrayList<>();
        transfers.forEach((transferId, lifecycle) -> lifecycle.violations(transferId, violations));
        return violations;
    }

    static final class Balances {
        private final String kind;
        private final boolean mayNotBeOverdrawn;
        private final String currency;
        private long debitsPending;
        private long debitsPosted;
        private long creditsPending;
        private long creditsPosted;

        Balances(String kind, String currency) {
            this(kind, currency, 0, 0, 0, 0);
        }

        Balances(
                String kind,
                String currency,
                long debitsPending,
                long debitsPosted,
                long creditsPending,
                long creditsPosted) {
            this.kind = kind;
            this.mayNotBeOverdrawn = Arrays.stream(LedgerAccountKind.values())
                    .filter(known -> known.name().equals(kind))
                    .findFirst()
                    .map(known -> !known.mayGoNegative())
                    .orElse(true);
            this.currency = currency;
            this.debitsPending = debitsPending;
            this.debitsPosted = debitsPosted;
            this.creditsPending = creditsPending;
            this.creditsPosted = creditsPosted;
        }

        String kind() {
            return kind;
        }

        String currency() {
            return currency;
        }

        /** A kind the check does not know (a row edited by hand) is held to the rule, not a failure of the check. */
        boolean mayNotBeOverdrawn() {
            return mayNotBeOverdrawn;
        }

        long available() {
            return creditsPosted - debitsPosted - debitsPending;
        }

        long postedSum() {
            return creditsPosted - debitsPosted;
        }

        long pendingSum() {
            return creditsPending - debitsPending;
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
