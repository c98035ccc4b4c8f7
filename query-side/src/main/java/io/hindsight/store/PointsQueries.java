package io.hindsight.store;

import io.hindsight.account.api.AccountId;
import io.hindsight.ledger.AccountBalance;
import io.hindsight.ledger.LedgerEntries;
import io.hindsight.ledger.LedgerEntry;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.TransferStatus;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** A user's points now or as of an instant: available, held by orders, and every movement with its reason. */
@Service
public class PointsQueries {

    private final LedgerEntries entries;

    public PointsQueries(LedgerEntries entries) {
        this.entries = entries;
    }

    public Points of(AccountId owner, Instant asOf, Paging paging) {
        String account = LedgerAccountId.points(owner).value();
        LedgerEntries.Statement read = entries.balanceAndStatement(account, asOf, paging);
        AccountBalance balance = read.balance();
        Page<LedgerEntry> statement = read.entries();
        return new Points(
                balance.balance(),
                balance.held(),
                asOf,
                statement.items().stream().map(PointsQueries::movement).toList(),
                statement.total(),
                statement.offset(),
                statement.limit());
    }

    private static Movement movement(LedgerEntry entry) {
        String reason = entry.references()
                .getOrDefault(
                        "reason",
                        switch (entry.kind()) {
                            case STORE_ORDER_POINTS -> "Spent on an order";
                            case STORE_ORDER_POINTS_RETURNED -> "Given back: the order ended unserved";
                            case POINTS_EARNED -> "Earned with an order";
                            case POINTS_GRANTED -> "Granted";
                            default -> entry.kind().name();
                        });
        return new Movement(
                entry.transferId(),
                entry.amount(),
                reason,
                entry.kind(),
                entry.status(),
                entry.at(),
                entry.references().get("orderId"));
    }

    /** The points and one page of their history, newest first. */
    public record Points(
            long balance, long held, Instant asOf, List<Movement> history, long historyCount, int offset, int limit) {}

    /**
     * One movement: positive when points came in, negative when they went out; a hold on an order is PENDING
     * until the order is accepted (POSTED) or ends otherwise (VOIDED).
     */
    public record Movement(
            String transferId,
            long amount,
            String reason,
            TransferKind kind,
            TransferStatus status,
            Instant at,
            String orderId) {}
}
