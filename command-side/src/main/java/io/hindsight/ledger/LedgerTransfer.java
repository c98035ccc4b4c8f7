package io.hindsight.ledger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.api.FundsHeld;
import io.hindsight.ledger.api.FundsTransferred;
import io.hindsight.ledger.api.Hold;
import io.hindsight.ledger.api.HoldPosted;
import io.hindsight.ledger.api.HoldVoided;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerAccountKind;
import io.hindsight.ledger.api.LedgerCurrency;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.ledger.api.LedgerRules;
import io.hindsight.ledger.api.PostHold;
import io.hindsight.ledger.api.Transfer;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.TransferRequest;
import io.hindsight.ledger.api.TransferStatus;
import io.hindsight.ledger.api.VoidHold;
import io.hindsight.ledger.guard.HoldMoves;
import io.hindsight.ledger.guard.LedgerBalances;
import io.hindsight.ledger.guard.PointsRecipients;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One transfer between two ledger accounts: POSTED at once, or PENDING (a hold) until it is POSTED or VOIDED.
 * Its id is chosen by the caller and is the aggregate's id, so the event store's unique (aggregate id,
 * sequence) key makes "applied once" and "posted or voided once, never both" structural: a second creation
 * or a second settlement racing on another node fails on that key, is rolled back with its balance changes,
 * and is sent again to find the transfer as the winner left it. The balances of both accounts are moved in
 * the same transaction ({@link LedgerBalances}).
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class LedgerTransfer {

    private static final Pattern REFERENCE_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,39}");

    @AggregateIdentifier
    private TransferId transferId;

    private LedgerAccountId from;
    private LedgerAccountId to;
    private long amount;
    private LedgerCurrency currency;
    private TransferKind kind;
    private Map<String, String> references;
    private TransferStatus status;
    private boolean wasHold;

    protected LedgerTransfer() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TransferOutcome handle(Transfer command, LedgerBalances balances, PointsRecipients recipients) {
        if (transferId != null) {
            return againOrRefuse(command, TransferStatus.POSTED, balances);
        }
        LedgerCurrency moved = validate(command);
        if (command.kind() == TransferKind.POINTS_GRANTED && command.to().kind() == LedgerAccountKind.USER_POINTS) {
            recipients.presentOrRefuse(command.to());
        }
        Map<LedgerAccountId, LedgerBalance> locked = balances.lockOrRefuse(List.of(command.from(), command.to()));
        balances.refuseOverdraft(command.transferId(), locked.get(command.from()), command.amount());
        balances.transfer(command.from(), command.to(), command.amount());
        apply(new FundsTransferred(
                command.transferId(),
                command.from(),
                command.to(),
                command.amount(),
                moved,
                command.kind(),
                command.references()));
        return outcome(balances);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TransferOutcome handle(Hold command, LedgerBalances balances) {
        if (transferId != null) {
            return againOrRefuse(command, TransferStatus.PENDING, balances);
        }
        LedgerCurrency held = validate(command);
        Map<LedgerAccountId, LedgerBalance> locked = balances.lockOrRefuse(List.of(command.from(), command.to()));
        balances.refuseOverdraft(command.transferId(), locked.get(command.from()), command.amount());
        balances.hold(command.from(), command.to(), command.amount());
        apply(new FundsHeld(
                command.transferId(),
                command.from(),
                command.to(),
                command.amount(),
                held,
                command.kind(),
                command.references()));
        return outcome(balances);
    }

    @CommandHandler
    public TransferOutcome handle(PostHold command, LedgerBalances balances) {
        post(balances);
        return outcome(balances);
    }

    @CommandHandler
    public TransferOutcome handle(VoidHold command, LedgerBalances balances) {
        voidHold(balances);
        return outcome(balances);
    }

    /** Posts the hold; posting a posted hold changes nothing, posting a voided one is refused. */
    void post(HoldMoves moves) {
        refuseUnlessHold();
        if (status == TransferStatus.POSTED) {
            return;
        }
        requirePending("post");
        moves.post(from, to, amount);
        apply(new HoldPosted(transferId, from, to, amount, currency));
    }

    /** Voids the hold; voiding a voided hold changes nothing, voiding a posted one is refused. */
    void voidHold(HoldMoves moves) {
        refuseUnlessHold();
        if (status == TransferStatus.VOIDED) {
            return;
        }
        requirePending("void");
        moves.release(from, to, amount);
        apply(new HoldVoided(transferId, from, to, amount, currency));
    }

    LedgerAccountId from() {
        return from;
    }

    LedgerAccountId to() {
        return to;
    }

    @EventSourcingHandler
    void on(FundsTransferred event) {
        created(event.transferId(), event.from(), event.to(), event.amount(), event.currency(), event.kind());
        references = event.references();
        status = TransferStatus.POSTED;
        wasHold = false;
    }

    @EventSourcingHandler
    void on(FundsHeld event) {
        created(event.transferId(), event.from(), event.to(), event.amount(), event.currency(), event.kind());
        references = event.references();
        status = TransferStatus.PENDING;
        wasHold = true;
    }

    @EventSourcingHandler
    void on(HoldPosted event) {
        status = TransferStatus.POSTED;
    }

    @EventSourcingHandler
    void on(HoldVoided event) {
        status = TransferStatus.VOIDED;
    }

    private void refuseUnlessHold() {
        if (!wasHold) {
            throw new BusinessException(
                    LedgerError.NOT_A_HOLD, "Transfer %s was posted at once; it is not a hold", transferId);
        }
    }

    private void requirePending(String action) {
        if (status != TransferStatus.PENDING) {
            throw new BusinessException(
                    status == TransferStatus.POSTED ? LedgerError.HOLD_ALREADY_POSTED : LedgerError.HOLD_ALREADY_VOIDED,
                    "Cannot %s hold %s: it is %s",
                    action,
                    transferId,
                    status);
        }
    }

    private void created(
            TransferId id,
            LedgerAccountId debited,
            LedgerAccountId credited,
            long moved,
            LedgerCurrency in,
            TransferKind why) {
        transferId = id;
        from = debited;
        to = credited;
        amount = moved;
        currency = in;
        kind = why;
    }

    /**
     * The same request again (a retry) answers the transfer as it is, whatever happened to it since; another
     * request under the same id is refused.
     */
    private TransferOutcome againOrRefuse(TransferRequest request, TransferStatus createdAs, LedgerBalances balances) {
        boolean same = request.from().equals(from)
                && request.to().equals(to)
                && request.amount() == amount
                && request.kind() == kind
                && request.references().equals(references)
                && (createdAs == TransferStatus.PENDING) == wasHold;
        if (!same) {
            throw new BusinessException(
                    LedgerError.TRANSFER_EXISTS,
                    "Transfer %s exists already with other accounts, amount or kind",
                    transferId);
        }
        return outcome(balances);
    }

    private static LedgerCurrency validate(TransferRequest request) {
        if (request.amount() <= 0 || request.amount() > LedgerRules.MAX_AMOUNT) {
            throw new BusinessException(
                    LedgerError.INVALID_AMOUNT,
                    "An amount is between 1 and %d, not %d",
                    LedgerRules.MAX_AMOUNT,
                    request.amount());
        }
        if (request.kind() == null || request.from() == null || request.to() == null) {
            throw new BusinessException(LedgerError.INVALID_TRANSFER, "A transfer names its kind and both accounts");
        }
        if (request.from().equals(request.to())) {
            throw new BusinessException(
                    LedgerError.INVALID_TRANSFER, "Cannot transfer from %s to itself", request.from());
        }
        if (request.from().currency() != request.to().currency()) {
            throw new BusinessException(
                    LedgerError.INVALID_TRANSFER,
                    "Cannot transfer between %s (%s) and %s (%s)",
                    request.from(),
                    request.from().currency(),
                    request.to(),
                    request.to().currency());
        }
        if (request.references().size() > LedgerRules.MAX_REFERENCES
                || request.references().entrySet().stream()
                        .anyMatch(e -> !REFERENCE_KEY.matcher(e.getKey()).matches()
                                || e.getValue() == null
                                || e.getValue().length() > 200)) {
            throw new BusinessException(
                    LedgerError.INVALID_TRANSFER,
                    "References are up to %d short keys and values",
                    LedgerRules.MAX_REFERENCES);
        }
        return request.from().currency();
    }

    private TransferOutcome outcome(LedgerBalances balances) {
        return new TransferOutcome(
                transferId,
                status,
                balances.balanceOf(from).orElseThrow(),
                balances.balanceOf(to).orElseThrow());
    }
}
