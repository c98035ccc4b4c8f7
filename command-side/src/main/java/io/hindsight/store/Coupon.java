package io.hindsight.store;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.SystemDeadlines;
import io.hindsight.common.BusinessException;
import io.hindsight.store.api.CouponCode;
import io.hindsight.store.api.CouponCommand;
import io.hindsight.store.api.CouponExpired;
import io.hindsight.store.api.CouponIssued;
import io.hindsight.store.api.CouponRegistered;
import io.hindsight.store.api.CouponStatus;
import io.hindsight.store.api.CouponUsed;
import io.hindsight.store.api.CouponWithdrawn;
import io.hindsight.store.api.IssueCoupon;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.PlaceCouponOrder;
import io.hindsight.store.api.Prepayment;
import io.hindsight.store.api.RecipientLeft;
import io.hindsight.store.api.RefundUnusedGift;
import io.hindsight.store.api.RegisterCoupon;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreOrderId;
import io.hindsight.store.api.UseCoupon;
import io.hindsight.store.api.WithdrawCoupon;
import io.hindsight.store.guard.UnusedCoupons;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A single-use coupon for one menu item at one store, bought as a gift for its recipient. The code is the
 * aggregate's id, so of two uses racing on two nodes the event store's key lets exactly one in; the loser is
 * sent again and finds the coupon used. Its validity ends by a durable deadline, and a use at or after the
 * end is refused even before that deadline has run. It is withdrawn unused when its gift's payment is cancelled at
 * the provider or its recipient leaves; a use racing that is ordered the same way, so only one of them happens.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("3")
public class Coupon {

    public static final String EXPIRY_DEADLINE = "store-coupon-expiry";

    @AggregateIdentifier
    private CouponCode code;

    private AccountId recipientId;
    private CouponStatus status;
    private Instant expiresAt;
    private StoreId storeId;
    private MenuId menuId;
    private String paymentId;
    private long paidAmount;
    private StoreOrderId giftOrderId;
    private StoreOrderId usedFor;

    protected Coupon() {}

    @CommandHandler
    public Coupon(IssueCoupon command, UnusedCoupons unused, DeadlineManager deadlines, MetaData metaData) {
        unused.issued(command.code(), command.recipientId(), command.fromAccountId(), command.paidAmount() == 0);
        apply(new CouponIssued(
                command.code(),
                command.giftId(),
                command.giftOrderId(),
                command.storeId(),
                command.menuId(),
                command.menuName(),
                command.recipientId(),
                command.fromAccountId(),
                command.message(),
                command.expiresAt(),
                command.paymentId(),
                command.paidAmount()));
        deadlines.schedule(
                command.expiresAt(),
                EXPIRY_DEADLINE,
                SystemDeadlines.message(new CouponExpiry(command.code()), metaData));
    }

    @CommandHandler
    public CouponState handle(RegisterCoupon command) {
        requireRecipient(command.accountId(), command);
        requireUsable();
        if (status == CouponStatus.ISSUED) {
            apply(new CouponRegistered(code, recipientId));
        }
        return state();
    }

    @CommandHandler
    public CouponState handle(UseCoupon command, Commands commands, UnusedCoupons unused) {
        requireRecipient(command.accountId(), command);
        requireUsable();
        if (status != CouponStatus.REGISTERED) {
            throw new BusinessException(
                    StoreError.COUPON_NOT_REGISTERED, "Register the coupon before ordering with it");
        }
        commands.send(new PlaceCouponOrder(
                command.orderId(),
                recipientId,
                storeId,
                menuId,
                new Prepayment(code, paymentId, paidAmount, giftOrderId),
                command.delivery()));
        unused.ended(code);
        apply(new CouponUsed(code, recipientId, command.orderId()));
        return state();
    }

    /** The gift order, whose payment the provider cancelled, ends itself and what this coupon placed. */
    @CommandHandler
    public Withdrawal handle(WithdrawCoupon command, UnusedCoupons unused) {
        if (unused()) {
            unused.ended(code);
            apply(new CouponWithdrawn(code, recipientId, storeId, menuId, command.reason()));
        }
        return new Withdrawal(status, usedFor);
    }

    /** Nobody can use it any more; its giver is refunded now rather than when it would have expired. */
    @CommandHandler
    public CouponState handle(RecipientLeft command, Commands commands, UnusedCoupons unused) {
        requireRecipient(command.recipientId(), command);
        if (unused()) {
            String reason = "The gift's recipient has left";
            unused.ended(code);
            apply(new CouponWithdrawn(code, recipientId, storeId, menuId, reason));
            commands.send(new RefundUnusedGift(giftOrderId, reason));
        }
        return state();
    }

    /** An unused coupon ends, and with it the gift: nobody can be served for what its giver paid, who is refunded. */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void on(CouponExpiry expiry, Commands commands, UnusedCoupons unused) {
        if (unused()) {
            unused.ended(code);
            apply(new CouponExpired(code, recipientId));
            commands.send(new RefundUnusedGift(giftOrderId, "The gift's coupon expired unused"));
        }
    }

    @EventSourcingHandler
    void on(CouponIssued event) {
        code = event.code();
        recipientId = event.recipientId();
        status = CouponStatus.ISSUED;
        expiresAt = event.expiresAt();
        storeId = event.storeId();
        menuId = event.menuId();
        paymentId = event.paymentId();
        paidAmount = event.paidAmount();
        giftOrderId = event.giftOrderId();
    }

    @EventSourcingHandler
    void on(CouponRegistered event) {
        status = CouponStatus.REGISTERED;
    }

    @EventSourcingHandler
    void on(CouponUsed event) {
        status = CouponStatus.USED;
        usedFor = event.orderId();
    }

    @EventSourcingHandler
    void on(CouponExpired event) {
        status = CouponStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(CouponWithdrawn event) {
        status = CouponStatus.WITHDRAWN;
    }

    /** Another user's coupon is answered like an unknown code, so codes cannot be probed. */
    private void requireRecipient(AccountId caller, CouponCommand command) {
        if (!recipientId.equals(caller)) {
            throw command.notFound();
        }
    }

    private boolean unused() {
        return status == CouponStatus.ISSUED || status == CouponStatus.REGISTERED;
    }

    private void requireUsable() {
        if (status == CouponStatus.USED) {
            throw new BusinessException(StoreError.COUPON_USED, "The coupon was used already");
        }
        if (status == CouponStatus.WITHDRAWN) {
            throw new BusinessException(
                    StoreError.COUPON_WITHDRAWN, "The coupon was withdrawn: its gift can no longer be served");
        }
        if (status == CouponStatus.EXPIRED || !now().isBefore(expiresAt)) {
            throw new BusinessException(StoreError.COUPON_EXPIRED, "The coupon expired at %s", expiresAt);
        }
    }

    private CouponState state() {
        return new CouponState(code.value(), storeId.value(), menuId.value(), status, expiresAt);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    /** The coupon right after a command. */
    public record CouponState(String code, String storeId, String menuId, CouponStatus status, Instant expiresAt) {}

    /** How a coupon stands after its withdrawal was asked for: WITHDRAWN, or USED for the order {@code usedFor}. */
    public record Withdrawal(CouponStatus status, StoreOrderId usedFor) {}
}
