package io.hindsight.store;

import static io.hindsight.store.api.StoreOrderStatus.ACCEPTED;
import static io.hindsight.store.api.StoreOrderStatus.AWAITING_PAYMENT;
import static io.hindsight.store.api.StoreOrderStatus.COMPLETED;
import static io.hindsight.store.api.StoreOrderStatus.PLACED;
import static io.hindsight.store.api.StoreOrderStatus.REJECTED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.SystemDeadlines;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.ledger.OwnHolds;
import io.hindsight.ledger.api.Hold;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.OpenLedgerAccountIfMissing;
import io.hindsight.ledger.api.SystemAccount;
import io.hindsight.ledger.api.Transfer;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.store.api.AcceptStoreOrder;
import io.hindsight.store.api.CompleteStoreOrder;
import io.hindsight.store.api.CouponCode;
import io.hindsight.store.api.CouponStatus;
import io.hindsight.store.api.Delivery;
import io.hindsight.store.api.GiftDetails;
import io.hindsight.store.api.GiftPaid;
import io.hindsight.store.api.GiftRefunded;
import io.hindsight.store.api.IssueCoupon;
import io.hindsight.store.api.OrderItem;
import io.hindsight.store.api.PaymentCancelRefused;
import io.hindsight.store.api.PaymentCancelled;
import io.hindsight.store.api.PaymentCancelledAtProvider;
import io.hindsight.store.api.PaymentOutcome;
import io.hindsight.store.api.PaymentRefused;
import io.hindsight.store.api.PlaceCouponOrder;
import io.hindsight.store.api.PlaceGiftOrder;
import io.hindsight.store.api.PlaceStoreOrder;
import io.hindsight.store.api.Prepayment;
import io.hindsight.store.api.ProviderPayment;
import io.hindsight.store.api.ProviderPaymentStatus;
import io.hindsight.store.api.RefundUnusedGift;
import io.hindsight.store.api.RefuseCouponOrder;
import io.hindsight.store.api.RejectGift;
import io.hindsight.store.api.RejectStoreOrder;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreOrderAccepted;
import io.hindsight.store.api.StoreOrderCommand;
import io.hindsight.store.api.StoreOrderCompleted;
import io.hindsight.store.api.StoreOrderCreated;
import io.hindsight.store.api.StoreOrderExpired;
import io.hindsight.store.api.StoreOrderId;
import io.hindsight.store.api.StoreOrderKind;
import io.hindsight.store.api.StoreOrderLine;
import io.hindsight.store.api.StoreOrderPlaced;
import io.hindsight.store.api.StoreOrderRefused;
import io.hindsight.store.api.StoreOrderRejected;
import io.hindsight.store.api.StoreOrderStatus;
import io.hindsight.store.api.StoreRules;
import io.hindsight.store.api.VerifyPayment;
import io.hindsight.store.api.WithdrawCoupon;
import io.hindsight.store.guard.GiftRecipients;
import io.hindsight.store.guard.PaymentClaims;
import io.hindsight.store.guard.StoreCatalog;
import io.hindsight.store.guard.UnusedCoupons;
import io.hindsight.store.payment.CancelRefused;
import io.hindsight.store.payment.PaymentProvider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A mobile order: an ORDER or a GIFT waits for its payment, which only the provider's own record of it can
 * settle (paid in full, for this order, never used before); a COUPON order is paid by the gift behind its
 * coupon. The points it spends are held in the ledger from the start, taken when the merchant accepts and
 * released when the order ends any other way; a completed order pays the store and earns the customer points.
 * A payment that cannot be kept is cancelled at the provider by a durable deadline, retried until it is done. A
 * payment the provider cancels by itself after it placed the order ends the order if it was not served yet; a
 * gift's withdraws its coupon if unused, or ends the order the coupon placed if that was not served yet.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("3")
public class StoreOrder {

    public static final String PAYMENT_DEADLINE = "store-order-payment-due";
    public static final String CANCEL_DEADLINE = "store-order-payment-cancel";

    @AggregateIdentifier
    private StoreOrderId orderId;

    private StoreOrderKind kind;
    private StoreId storeId;
    private AccountId merchantId;
    private AccountId customerId;
    private StoreOrderStatus status;
    private List<StoreOrderLine> lines;
    private Delivery delivery;
    private long pointsUsed;
    private long amountDue;
    private long amountPaid;
    private String paymentId;
    private GiftDetails gift;
    private CouponCode couponCode;
    private StoreOrderId giftOrderId;
    private Instant paymentDueAt;
    private final Set<String> handledPayments = new HashSet<>();
    private final Set<String> cancelledPayments = new HashSet<>();
    private final Map<String, String> cancelRefusals = new HashMap<>();
    private boolean paymentCancelledAtProvider;

    protected StoreOrder() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public StoreOrderState handle(
            PlaceStoreOrder command,
            StoreCatalog catalog,
            StoreProperties properties,
            Commands commands,
            DeadlineManager deadlines,
            MetaData metaData) {
        if (orderId != null) {
            return existing(command.customerId());
        }
        StoreCatalog.Terms terms = catalog.linesOrRefuse(command.storeId(), validItems(command.items()), true);
        Delivery to = validDelivery(command.delivery());
        long total = terms.total();
        if (command.points() < 0 || command.points() > total) {
            throw new BusinessException(
                    StoreError.INVALID_POINTS,
                    "Points to spend are between 0 and the total %d, not %d",
                    total,
                    command.points());
        }
        if (command.points() > 0) {
            holdPoints(commands, command.orderId(), command.customerId(), command.storeId(), command.points());
        }
        long due = total - command.points();
        Instant dueAt = due == 0 ? null : paymentDueAt(properties);
        apply(new StoreOrderCreated(
                        command.orderId(),
                        StoreOrderKind.ORDER,
                        command.storeId(),
                        terms.merchantId(),
                        command.customerId(),
                        terms.lines(),
                        to,
                        total,
                        command.points(),
                        due,
                        dueAt,
                        null,
                        null))
                .andThen(() -> {
                    if (due == 0) {
                        apply(placed(null, 0));
                    } else {
                        schedulePaymentDue(dueAt, deadlines, metaData);
                    }
                });
        return state();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public StoreOrderState handle(
            PlaceGiftOrder command,
            StoreCatalog catalog,
            GiftRecipients recipients,
            StoreProperties properties,
            Commands commands,
            CouponCodes codes,
            UnusedCoupons unusedCoupons,
            DeadlineManager deadlines,
            MetaData metaData) {
        if (orderId != null) {
            return existing(command.customerId());
        }
        recipients.activeOrRefuse(command.recipientId(), command.customerId());
        String message = Store.optionalText(command.message(), "message", StoreRules.MAX_MESSAGE_LENGTH);
        // the merchant's row before the store's lock, in the order a resignation takes them: crosswise they deadlock
        catalog.merchantOf(command.storeId())
                .ifPresent(merchant -> recipients.merchantServesOrRefuse(merchant, command.storeId()));
        StoreCatalog.Terms terms =
                catalog.linesOrRefuse(command.storeId(), List.of(new OrderItem(command.menuId(), 1)), false);
        long total = terms.total();
        if (total == 0) {
            unusedCoupons.refuseFreeGiftBeyond(
                    command.customerId(), command.recipientId(), properties.maxUnusedFreeGifts());
        }
        Instant dueAt = total == 0 ? null : paymentDueAt(properties);
        apply(new StoreOrderCreated(
                        command.orderId(),
                        StoreOrderKind.GIFT,
                        command.storeId(),
                        terms.merchantId(),
                        command.customerId(),
                        terms.lines(),
                        null,
                        total,
                        0,
                        total,
                        dueAt,
                        new GiftDetails(command.giftId(), command.recipientId(), message),
                        null))
                .andThen(() -> {
                    if (total == 0) {
                        giftPaid(null, 0, commands, codes, properties);
                    } else {
                        schedulePaymentDue(dueAt, deadlines, metaData);
                    }
                });
        return state();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public StoreOrderState handle(PlaceCouponOrder command, StoreCatalog catalog) {
        if (orderId != null) {
            return existing(command.customerId());
        }
        Delivery to = validDelivery(command.delivery());
        Prepayment prepayment = command.prepayment();
        StoreCatalog.Terms terms =
                catalog.linesOrRefuse(command.storeId(), List.of(new OrderItem(command.menuId(), 1)), true);
        StoreOrderLine line = terms.lines().get(0);
        StoreOrderLine paidLine = new StoreOrderLine(line.menuId(), line.name(), prepayment.amount(), 1);
        apply(new StoreOrderCreated(
                        command.orderId(),
                        StoreOrderKind.COUPON,
                        command.storeId(),
                        terms.merchantId(),
                        command.customerId(),
                        List.of(paidLine),
                        to,
                        prepayment.amount(),
                        0,
                        0,
                        null,
                        null,
                        prepayment))
                .andThen(() -> apply(placed(prepayment.paymentId(), prepayment.amount())));
        return state();
    }

    @CommandHandler
    public PaymentOutcome handle(
            VerifyPayment command,
            PaymentClaims claims,
            StoreCatalog catalog,
            GiftRecipients recipients,
            StoreProperties properties,
            Commands commands,
            CouponCodes codes,
            DeadlineManager deadlines,
            MetaData metaData) {
        ProviderPayment payment = command.payment();
        if (handledPayments.contains(payment.paymentId())) {
            // a payment that paid for an order still standing is looked at again: the provider may have given it back
            // since (an order we ended cancels its payment itself, so the provider's news is old news there)
            if (payment.paymentId().equals(paymentId)
                    && paidFor()
                    && payment.cancelledInAnyPart()
                    && !paymentCancelledAtProvider) {
                return cancelledAtProvider(payment, commands, deadlines, metaData);
            }
            return PaymentOutcome.DUPLICATE;
        }
        if (payment.status() == ProviderPaymentStatus.READY) {
            return PaymentOutcome.IGNORED;
        }
        boolean paid = payment.status() == ProviderPaymentStatus.PAID;
        if (status != AWAITING_PAYMENT) {
            if (!paid) {
                return PaymentOutcome.IGNORED;
            }
            refuse(payment, "the order is " + status, false, true, deadlines, metaData);
            return PaymentOutcome.REFUSED;
        }
        if (paid && paymentDueAt != null && !now().isBefore(paymentDueAt)) {
            // the window closed: the order expires now as its deadline would have, whenever that deadline runs
            releasePoints(commands);
            apply(new StoreOrderExpired(orderId, storeId, customerId));
            refuse(payment, "the payment came after the order had expired", false, true, deadlines, metaData);
            return PaymentOutcome.REFUSED;
        }
        String refusal = !paid
                ? "the payment is " + payment.status()
                : payment.amount() == ProviderPayment.NOT_A_WHOLE_AMOUNT
                        ? "the payment's amount is not a whole number of won"
                        : payment.amount() != amountDue
                                ? "the payment of " + payment.amount() + " is not the " + amountDue + " due"
                                : payment.cancelledAmount() > 0
                                        ? "the provider reports " + payment.cancelledAmount() + " of the "
                                                + payment.amount() + " paid cancelled"
                                        : cannotBeServed(catalog, recipients);
        boolean takenElsewhere = refusal == null && !claims.claimUnlessTaken(payment.paymentId(), orderId);
        if (takenElsewhere) {
            refusal = "the payment was used for another order";
        }
        if (refusal != null) {
            releasePoints(commands);
            refuse(payment, refusal, true, paid && !takenElsewhere, deadlines, metaData);
            return PaymentOutcome.REFUSED;
        }
        if (kind == StoreOrderKind.GIFT) {
            giftPaid(payment.paymentId(), payment.amount(), commands, codes, properties);
        } else {
            apply(placed(payment.paymentId(), payment.amount()));
        }
        return PaymentOutcome.PLACED;
    }

    @CommandHandler
    public StoreOrderState handle(AcceptStoreOrder command, Commands commands) {
        requireMerchant(command, command.merchantId());
        if (status == ACCEPTED) {
            return state();
        }
        requireStatus(PLACED, "accept");
        if (pointsUsed > 0) {
            OwnHolds.post(commands, pointsTransfer(orderId));
        }
        apply(new StoreOrderAccepted(orderId, storeId, customerId));
        return state();
    }

    @CommandHandler
    public StoreOrderState handle(
            RejectStoreOrder command, Commands commands, DeadlineManager deadlines, MetaData metaData) {
        if (!command.byAdmin()) {
            requireMerchant(command, command.merchantId());
        }
        if (status == REJECTED) {
            return state();
        }
        // an ADMIN may also reject an accepted order, which nobody might otherwise ever complete (its merchant left)
        boolean acceptedRejectedByAdmin = command.byAdmin() && status == ACCEPTED;
        if (!acceptedRejectedByAdmin) {
            requireStatus(PLACED, "reject");
        }
        String reason = Store.optionalText(command.reason(), "reason", StoreRules.MAX_REASON_LENGTH);
        if (acceptedRejectedByAdmin) {
            returnPoints(commands);
        } else {
            releasePoints(commands);
        }
        if (giftOrderId != null) {
            // the giver paid: the gift order holds the payment, so it is the one rejected and refunded
            apply(new StoreOrderRejected(orderId, storeId, customerId, reason, null));
            commands.send(new RejectGift(
                    giftOrderId,
                    reason == null
                            ? "The store rejected the order placed with this gift's coupon"
                            : "The store rejected the order placed with this gift's coupon: " + reason));
            return state();
        }
        apply(new StoreOrderRejected(orderId, storeId, customerId, reason, paymentId));
        if (paymentId != null) {
            scheduleCancel(paymentId, amountPaid, "Rejected by the store", deadlines, metaData);
        }
        return state();
    }

    @CommandHandler
    public StoreOrderState handle(RejectGift command, DeadlineManager deadlines, MetaData metaData) {
        if (status == REJECTED) {
            return state();
        }
        requireStatus(StoreOrderStatus.GIFTED, "reject");
        apply(new StoreOrderRejected(orderId, storeId, customerId, command.reason(), paymentId));
        if (paymentId != null) {
            scheduleCancel(paymentId, amountPaid, "Gift rejected by the store", deadlines, metaData);
        }
        return state();
    }

    @CommandHandler
    public StoreOrderState handle(RefundUnusedGift command, DeadlineManager deadlines, MetaData metaData) {
        if (status != StoreOrderStatus.GIFTED || paymentId == null) {
            // only a paid GIFTED order holds money nobody can be served for (a free gift paid nothing); never fail
            // the coupon's expiry or its recipient's resignation over it
            return state();
        }
        apply(new GiftRefunded(orderId, storeId, customerId, command.reason(), paymentId));
        scheduleCancel(paymentId, amountPaid, "Gift refunded: " + command.reason(), deadlines, metaData);
        return state();
    }

    /** Its coupon's gift lost its payment at the provider; the gift order cancels what the provider still holds. */
    @CommandHandler
    public StoreOrderState handle(RefuseCouponOrder command, Commands commands) {
        if (kind == StoreOrderKind.COUPON && !paymentCancelledAtProvider && paidFor()) {
            boolean unserved = status == PLACED || status == ACCEPTED;
            if (unserved) {
                givePointsBack(commands);
            }
            recordCancelledAtProvider(command.payment(), unserved);
        }
        return state();
    }

    @CommandHandler
    public StoreOrderState handle(
            CompleteStoreOrder command, Commands commands, StoreProperties properties, GiftRecipients customers) {
        requireMerchant(command, command.merchantId());
        if (status == COMPLETED) {
            return state();
        }
        requireStatus(ACCEPTED, "complete");
        Map<String, String> references = Map.of("orderId", orderId.value(), "storeId", storeId.value());
        if (amountPaid > 0) {
            commands.send(new Transfer(
                    TransferId.forKey("store-sale", orderId.value()),
                    SystemAccount.PROVIDER.accountId(),
                    LedgerAccountId.storeWallet(storeId.value()),
                    amountPaid,
                    TransferKind.STORE_SALE,
                    references));
        }
        // a customer who resigned after the order was placed can never spend points: none are issued to them
        long earned = kind == StoreOrderKind.ORDER && customers.isActive(customerId)
                ? properties.pointsEarnedOn(amountPaid)
                : 0;
        if (earned > 0) {
            commands.send(new OpenLedgerAccountIfMissing(LedgerAccountId.points(customerId)));
            commands.send(new Transfer(
                    TransferId.forKey("store-points-earned", orderId.value()),
                    SystemAccount.POINTS_ISSUED.accountId(),
                    LedgerAccountId.points(customerId),
                    earned,
                    TransferKind.POINTS_EARNED,
                    references));
        }
        apply(new StoreOrderCompleted(orderId, storeId, customerId, amountPaid, earned));
        return state();
    }

    @DeadlineHandler(deadlineName = PAYMENT_DEADLINE)
    void on(PaymentDue due, Commands commands) {
        if (status == AWAITING_PAYMENT) {
            releasePoints(commands);
            apply(new StoreOrderExpired(orderId, storeId, customerId));
        }
    }

    /**
     * Fails (and is tried again later, with the scheduler's capped back-off) while the provider cannot be reached; once
     * done it is never called again. A provider that answers and refuses is recorded and asked again after
     * {@code payment-cancel-retry}: failing would roll the record back.
     */
    @DeadlineHandler(deadlineName = CANCEL_DEADLINE)
    void on(
            PaymentCancellationDue due,
            PaymentProvider provider,
            StoreProperties properties,
            DeadlineManager deadlines,
            MetaData metaData) {
        if (cancelledPayments.contains(due.paymentId())) {
            return;
        }
        try {
            provider.cancel(due.paymentId(), due.reason());
        } catch (CancelRefused refused) {
            if (!refused.providerMessage().equals(cancelRefusals.get(due.paymentId()))) {
                apply(new PaymentCancelRefused(
                        orderId, storeId, customerId, due.paymentId(), due.amount(), refused.providerMessage()));
            }
            deadlines.schedule(
                    now().plus(properties.paymentCancelRetry()),
                    CANCEL_DEADLINE,
                    SystemDeadlines.message(due, metaData));
            return;
        }
        apply(new PaymentCancelled(orderId, storeId, customerId, due.paymentId(), due.amount()));
    }

    @EventSourcingHandler
    void on(StoreOrderCreated event) {
        orderId = event.orderId();
        kind = event.kind();
        storeId = event.storeId();
        merchantId = event.merchantId();
        customerId = event.customerId();
        lines = event.lines();
        delivery = event.delivery();
        pointsUsed = event.pointsUsed();
        amountDue = event.amountDue();
        gift = event.gift();
        paymentDueAt = event.paymentDueAt();
        giftOrderId = event.prepayment() == null ? null : event.prepayment().giftOrderId();
        status = AWAITING_PAYMENT;
    }

    @EventSourcingHandler
    void on(StoreOrderPlaced event) {
        status = PLACED;
        paymentId = event.paymentId();
        amountPaid = event.amountPaid();
        if (event.paymentId() != null && event.kind() != StoreOrderKind.COUPON) {
            handledPayments.add(event.paymentId());
        }
    }

    @EventSourcingHandler
    void on(GiftPaid event) {
        status = StoreOrderStatus.GIFTED;
        couponCode = event.couponCode();
        paymentId = event.paymentId();
        amountPaid = event.amountPaid();
        if (event.paymentId() != null) {
            handledPayments.add(event.paymentId());
        }
    }

    @EventSourcingHandler
    void on(PaymentRefused event) {
        handledPayments.add(event.paymentId());
    }

    @EventSourcingHandler
    void on(StoreOrderRefused event) {
        status = StoreOrderStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(PaymentCancelled event) {
        cancelledPayments.add(event.paymentId());
    }

    @EventSourcingHandler
    void on(PaymentCancelRefused event) {
        cancelRefusals.put(event.paymentId(), event.providerMessage());
    }

    @EventSourcingHandler
    void on(PaymentCancelledAtProvider event) {
        paymentCancelledAtProvider = true;
    }

    @EventSourcingHandler
    void on(StoreOrderExpired event) {
        status = StoreOrderStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(StoreOrderAccepted event) {
        status = ACCEPTED;
    }

    @EventSourcingHandler
    void on(StoreOrderRejected event) {
        status = REJECTED;
    }

    @EventSourcingHandler
    void on(StoreOrderCompleted event) {
        status = COMPLETED;
    }

    @EventSourcingHandler
    void on(GiftRefunded event) {
        status = StoreOrderStatus.REFUNDED;
    }

    /**
     * The provider gave back all or part of the payment that paid for this order, unasked. An order not served yet
     * ends (REFUSED) and gives back its points - released if still held, returned if spent at acceptance - and what
     * the provider still holds of a partly cancelled payment is cancelled too: it no longer pays what was due. A
     * served one (completed) only records it, for an operator to see. A paid gift ends unless its coupon's order was
     * served.
     */
    private PaymentOutcome cancelledAtProvider(
            ProviderPayment payment, Commands commands, DeadlineManager deadlines, MetaData metaData) {
        boolean ends;
        if (kind == StoreOrderKind.GIFT) {
            ends = withdrawCouponOrRefuseItsOrder(payment, commands);
        } else {
            ends = status == PLACED || status == ACCEPTED;
            if (ends) {
                givePointsBack(commands);
            }
        }
        recordCancelledAtProvider(payment, ends);
        if (ends && payment.status() == ProviderPaymentStatus.PAID) {
            scheduleCancel(
                    payment.paymentId(),
                    Math.max(0, payment.amount() - payment.cancelledAmount()),
                    "The rest of a payment the provider partly cancelled",
                    deadlines,
                    metaData);
        }
        return PaymentOutcome.CANCELLED;
    }

    /**
     * An unused coupon is withdrawn; an order the coupon placed is refused unless it was completed. Answers whether
     * nothing was served for the gift. The coupon orders its use and its withdrawal, so a use racing this either came
     * first, and its order is refused here, or finds the coupon withdrawn.
     */
    private boolean withdrawCouponOrRefuseItsOrder(ProviderPayment payment, Commands commands) {
        Coupon.Withdrawal coupon = commands.send(
                new WithdrawCoupon(couponCode, "The gift's payment was cancelled at the payment provider"));
        if (coupon.status() != CouponStatus.USED) {
            return true;
        }
        StoreOrderState couponOrder = commands.send(new RefuseCouponOrder(coupon.usedFor(), payment));
        return couponOrder.status() != COMPLETED;
    }

    /** A placed order's points are still held and are released; an accepted one's were spent and are returned. */
    private void givePointsBack(Commands commands) {
        if (status == PLACED) {
            releasePoints(commands);
        } else {
            returnPoints(commands);
        }
    }

    private void recordCancelledAtProvider(ProviderPayment payment, boolean orderEnds) {
        String reason = reasonFor(payment);
        apply(new PaymentCancelledAtProvider(
                orderId,
                storeId,
                customerId,
                payment.paymentId(),
                payment.amount(),
                payment.cancelledAmount(),
                reason,
                orderEnds));
        if (orderEnds) {
            apply(new StoreOrderRefused(orderId, storeId, customerId, reason));
        }
    }

    private static String reasonFor(ProviderPayment payment) {
        return payment.status() == ProviderPaymentStatus.PAID
                ? "the provider reports " + payment.cancelledAmount() + " of the " + payment.amount()
                        + " paid cancelled"
                : "the provider reports the payment cancelled";
    }

    /** The order stands on its payment: placed, accepted, completed, or a gift whose coupon is out. */
    private boolean paidFor() {
        return status == PLACED || status == ACCEPTED || status == COMPLETED || status == StoreOrderStatus.GIFTED;
    }

    private StoreOrderPlaced placed(String payment, long paid) {
        return new StoreOrderPlaced(
                orderId, storeId, customerId, kind, lines, delivery, amountDue, pointsUsed, payment, paid);
    }

    /** The gift's coupon is issued in the same transaction: a paid gift without a coupon cannot be. */
    private void giftPaid(String payment, long paid, Commands commands, CouponCodes codes, StoreProperties properties) {
        CouponCode code = codes.next();
        StoreOrderLine line = lines.get(0);
        apply(new GiftPaid(orderId, storeId, customerId, gift.giftId(), gift.recipientId(), code, payment, paid));
        commands.send(new IssueCoupon(
                code,
                gift.giftId(),
                orderId,
                storeId,
                line.menuId(),
                line.name(),
                gift.recipientId(),
                customerId,
                gift.message(),
                now().plus(properties.couponValidity()).truncatedTo(ChronoUnit.MILLIS),
                payment,
                paid));
    }

    /**
     * A paid order that can no longer be served: its store closed after the order was taken (a gift may be paid for
     * while its store is closed: its coupon is used later), its customer has left (nobody would collect it, and its
     * completion would pay points to a resigned account), or the gift's recipient has left.
     */
    private String cannotBeServed(StoreCatalog catalog, GiftRecipients recipients) {
        // the customer's row before the store's lock, in the order a resignation takes them: a merchant ordering from
        // their own store and resigning meanwhile had the two crosswise, and PostgreSQL failed one of them
        if (kind == StoreOrderKind.ORDER && !recipients.isActive(customerId)) {
            return "the customer has left";
        }
        if (kind == StoreOrderKind.ORDER && !catalog.isOpen(storeId)) {
            return "the store closed before the payment came";
        }
        if (kind == StoreOrderKind.GIFT && !recipients.isActive(gift.recipientId())) {
            return "the gift's recipient has left";
        }
        if (kind == StoreOrderKind.GIFT && !recipients.merchantStillServes(merchantId)) {
            return "the store's merchant has left";
        }
        return null;
    }

    private void refuse(
            ProviderPayment payment,
            String reason,
            boolean orderRefused,
            boolean cancel,
            DeadlineManager deadlines,
            MetaData metaData) {
        apply(new PaymentRefused(
                orderId, storeId, customerId, payment.paymentId(), payment.status(), payment.amount(), reason, cancel));
        if (orderRefused) {
            apply(new StoreOrderRefused(orderId, storeId, customerId, reason));
        }
        if (cancel) {
            scheduleCancel(payment.paymentId(), payment.amount(), "Refused: " + reason, deadlines, metaData);
        }
    }

    private void schedulePaymentDue(Instant at, DeadlineManager deadlines, MetaData metaData) {
        deadlines.schedule(at, PAYMENT_DEADLINE, SystemDeadlines.message(new PaymentDue(orderId), metaData));
    }

    private static void scheduleCancel(
            String payment, long amount, String reason, DeadlineManager deadlines, MetaData metaData) {
        deadlines.schedule(
                now(),
                CANCEL_DEADLINE,
                SystemDeadlines.message(new PaymentCancellationDue(payment, amount, reason), metaData));
    }

    private static void holdPoints(
            Commands commands, StoreOrderId orderId, AccountId customer, StoreId storeId, long points) {
        commands.send(new OpenLedgerAccountIfMissing(LedgerAccountId.points(customer)));
        commands.send(new Hold(
                pointsTransfer(orderId),
                LedgerAccountId.points(customer),
                SystemAccount.POINTS_ISSUED.accountId(),
                points,
                TransferKind.STORE_ORDER_POINTS,
                Map.of("orderId", orderId.value(), "storeId", storeId.value())));
    }

    private void releasePoints(Commands commands) {
        if (pointsUsed > 0) {
            OwnHolds.release(commands, pointsTransfer(orderId));
        }
    }

    /** The points an accepted order spent (its hold was posted), given back when it ends unserved. */
    private void returnPoints(Commands commands) {
        if (pointsUsed > 0) {
            commands.send(new Transfer(
                    TransferId.forKey("store-order-points-returned", orderId.value()),
                    SystemAccount.POINTS_ISSUED.accountId(),
                    LedgerAccountId.points(customerId),
                    pointsUsed,
                    TransferKind.STORE_ORDER_POINTS_RETURNED,
                    Map.of("orderId", orderId.value(), "storeId", storeId.value())));
        }
    }

    private static TransferId pointsTransfer(StoreOrderId orderId) {
        return TransferId.forKey("store-order-points", orderId.value());
    }

    /** Only the store's merchant sees the order's merchant side; to anyone else it does not exist. */
    private void requireMerchant(StoreOrderCommand command, AccountId caller) {
        if (!merchantId.equals(caller)) {
            throw command.notFound();
        }
    }

    private void requireStatus(StoreOrderStatus expected, String action) {
        if (status != expected) {
            throw new BusinessException(
                    StoreError.INVALID_TRANSITION, "Cannot %s order %s: it is %s", action, orderId, status);
        }
    }

    private static Instant paymentDueAt(StoreProperties properties) {
        return now().plus(properties.paymentTimeout()).truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<OrderItem> validItems(List<OrderItem> items) {
        if (items.isEmpty() || items.size() > StoreRules.MAX_ORDER_ITEMS) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "An order has 1 to %d items, not %d",
                    StoreRules.MAX_ORDER_ITEMS,
                    items.size());
        }
        Set<Object> seen = new HashSet<>();
        for (OrderItem item : items) {
            if (item == null || item.menuId() == null) {
                throw new BusinessException(CommonError.VALIDATION_FAILED, "Every item names a menu item");
            }
            if (item.quantity() < 1 || item.quantity() > StoreRules.MAX_QUANTITY) {
                throw new BusinessException(
                        CommonError.VALIDATION_FAILED,
                        "A quantity is between 1 and %d, not %d",
                        StoreRules.MAX_QUANTITY,
                        item.quantity());
            }
            if (!seen.add(item.menuId())) {
                throw new BusinessException(
                        StoreError.DUPLICATE_ITEM,
                        "Menu item %s appears twice; give it once with its quantity",
                        item.menuId());
            }
        }
        return items;
    }

    private static Delivery validDelivery(Delivery delivery) {
        if (delivery == null) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A delivery address is required");
        }
        return new Delivery(
                Store.requireText(delivery.address(), "delivery.address", StoreRules.MAX_ADDRESS_LENGTH),
                Store.optionalText(delivery.request(), "delivery.request", StoreRules.MAX_REQUEST_LENGTH));
    }

    /** A creation sent again after it lost a race finds its own order; any other caller finds none. */
    private StoreOrderState existing(AccountId caller) {
        if (!customerId.equals(caller)) {
            throw new BusinessException(CommonError.ALREADY_EXISTS, "Order %s exists already", orderId);
        }
        return state();
    }

    private StoreOrderState state() {
        return new StoreOrderState(
                orderId.value(), kind, status, amountDue, pointsUsed, gift == null ? null : gift.giftId());
    }

    /** The cluster's clock in the application, the fixture's in tests. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
