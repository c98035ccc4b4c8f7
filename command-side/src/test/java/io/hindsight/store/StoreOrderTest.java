package io.hindsight.store;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.Commands;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.SystemAccount;
import io.hindsight.ledger.api.Transfer;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.VoidHold;
import io.hindsight.store.api.AcceptStoreOrder;
import io.hindsight.store.api.CompleteStoreOrder;
import io.hindsight.store.api.CouponCode;
import io.hindsight.store.api.CouponStatus;
import io.hindsight.store.api.Delivery;
import io.hindsight.store.api.GiftDetails;
import io.hindsight.store.api.GiftPaid;
import io.hindsight.store.api.GiftRefunded;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.PaymentCancelledAtProvider;
import io.hindsight.store.api.PaymentOutcome;
import io.hindsight.store.api.PaymentRefused;
import io.hindsight.store.api.Prepayment;
import io.hindsight.store.api.ProviderPayment;
import io.hindsight.store.api.ProviderPaymentStatus;
import io.hindsight.store.api.RefundUnusedGift;
import io.hindsight.store.api.RefuseCouponOrder;
import io.hindsight.store.api.RejectStoreOrder;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreOrderAccepted;
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
import io.hindsight.store.api.VerifyPayment;
import io.hindsight.store.api.WithdrawCoupon;
import io.hindsight.store.guard.GiftRecipients;
import io.hindsight.store.guard.PaymentClaims;
import io.hindsight.store.guard.StoreCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreOrderTest {

    private final StoreOrderId orderId = StoreOrderId.newId();
    private final StoreId storeId = StoreId.newId();
    private final AccountId merchant = AccountId.of("merchant-1");
    private final AccountId customer = AccountId.of("customer-1");
    private final List<StoreOrderLine> lines = List.of(new StoreOrderLine(MenuId.newId(), "Latte", 2_500, 2));
    private final Delivery delivery = new Delivery("Somewhere 1", null);
    private AggregateTestFixture<StoreOrder> fixture;
    private PaymentClaims claims;
    private Commands commands;
    private StoreCatalog catalog;
    private GiftRecipients recipients;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StoreOrder.class);
        claims = mock(PaymentClaims.class);
        when(claims.claimUnlessTaken(any(), any())).thenReturn(true);
        commands = mock(Commands.class);
        fixture.registerInjectableResource(claims);
        fixture.registerInjectableResource(commands);
        fixture.registerInjectableResource(new CouponCodes());
        fixture.registerInjectableResource(
                new StoreProperties(Duration.ofMinutes(15), Duration.ofDays(1), 1, Duration.ofMinutes(5), null));
        catalog = mock(StoreCatalog.class);
        when(catalog.isOpen(storeId)).thenReturn(true);
        recipients = mock(GiftRecipients.class);
        when(recipients.isActive(any())).thenReturn(true);
        when(recipients.merchantStillServes(any())).thenReturn(true);
        fixture.registerInjectableResource(catalog);
        fixture.registerInjectableResource(recipients);
    }

    private StoreOrderCreated created(long pointsUsed) {
        return new StoreOrderCreated(
                orderId,
                StoreOrderKind.ORDER,
                storeId,
                merchant,
                customer,
                lines,
                delivery,
                5_000,
                pointsUsed,
                5_000 - pointsUsed,
                Instant.now().plus(Duration.ofMinutes(15)),
                null,
                null);
    }

    private StoreOrderPlaced placed(String paymentId, long amount) {
        return new StoreOrderPlaced(
                orderId, storeId, customer, StoreOrderKind.ORDER, lines, delivery, amount, 0, paymentId, amount);
    }

    private VerifyPayment payment(String id, long amount, ProviderPaymentStatus status) {
        return new VerifyPayment(orderId, new ProviderPayment(id, orderId.value(), amount, status));
    }

    @Test
    void canPlaceAnOrderPaidInFull() {
        fixture.given(created(0))
                .when(payment("imp_1", 5_000, ProviderPaymentStatus.PAID))
                .expectEvents(placed("imp_1", 5_000))
                .expectResultMessagePayload(PaymentOutcome.PLACED);
    }

    @Test
    void cannotPlaceAnOrderWhoseStoreClosedBeforeItWasPaidAndCancelsThePayment() {
        when(catalog.isOpen(storeId)).thenReturn(false);
        String closed = "the store closed before the payment came";
        fixture.given(created(0))
                .when(payment("imp_4", 5_000, ProviderPaymentStatus.PAID))
                .expectEvents(
                        new PaymentRefused(
                                orderId, storeId, customer, "imp_4", ProviderPaymentStatus.PAID, 5_000, closed, true),
                        new StoreOrderRefused(orderId, storeId, customer, closed))
                .expectScheduledDeadlineWithName(Duration.ZERO, StoreOrder.CANCEL_DEADLINE)
                .expectResultMessagePayload(PaymentOutcome.REFUSED);
    }

    @Test
    void aPaymentAfterTheOrderWasDueExpiresItWhetherOrNotItsDeadlineRanAndIsCancelled() {
        String late = "the payment came after the order had expired";
        fixture.given(created(0))
                .andGivenCurrentTime(Instant.now().plus(Duration.ofMinutes(16)))
                .when(payment("imp_5", 5_000, ProviderPaymentStatus.PAID))
                .expectEvents(
                        new StoreOrderExpired(orderId, storeId, customer),
                        new PaymentRefused(
                                orderId, storeId, customer, "imp_5", ProviderPaymentStatus.PAID, 5_000, late, true))
                .expectScheduledDeadlineWithName(Duration.ZERO, StoreOrder.CANCEL_DEADLINE)
                .expectResultMessagePayload(PaymentOutcome.REFUSED);
    }

    @Test
    void cannotUseTheSamePaymentTwice() {
        fixture.given(created(0), placed("imp_1", 5_000))
                .when(payment("imp_1", 5_000, ProviderPaymentStatus.PAID))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentOutcome.DUPLICATE);
    }

    @Test
    void cannotPlaceAnOrderWithAPaymentOfAnotherAmountAndCancelsIt() {
        fixture.given(created(1_000))
                .when(payment("imp_2", 100, ProviderPaymentStatus.PAID))
                .expectEvents(
                        new PaymentRefused(
                                orderId,
                                storeId,
                                customer,
                                "imp_2",
                                ProviderPaymentStatus.PAID,
                                100,
                                "the payment of 100 is not the 4000 due",
                                true),
                        new StoreOrderRefused(orderId, storeId, customer, "the payment of 100 is not the 4000 due"))
                .expectScheduledDeadlineWithName(Duration.ZERO, StoreOrder.CANCEL_DEADLINE)
                .expectResultMessagePayload(PaymentOutcome.REFUSED);
        verify(commands).send(any(VoidHold.class));
    }

    @Test
    void cannotPlaceAnOrderWithAPaymentAnotherOrderTookAndLeavesThatPaymentAlone() {
        when(claims.claimUnlessTaken(any(), any())).thenReturn(false);
        fixture.given(created(0))
                .when(payment("imp_3", 5_000, ProviderPaymentStatus.PAID))
                .expectEvents(
                        new PaymentRefused(
                                orderId,
                                storeId,
                                customer,
                                "imp_3",
                                ProviderPaymentStatus.PAID,
                                5_000,
                                "the payment was used for another order",
                                false),
                        new StoreOrderRefused(orderId, storeId, customer, "the payment was used for another order"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void canIgnoreAPaymentThatIsNotFinalYet() {
        fixture.given(created(0))
                .when(payment("imp_4", 5_000, ProviderPaymentStatus.READY))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentOutcome.IGNORED);
    }

    @Test
    void cannotPlaceAnExpiredOrderButCancelsItsLatePayment() {
        fixture.given(created(0), new StoreOrderExpired(orderId, storeId, customer))
                .when(payment("imp_5", 5_000, ProviderPaymentStatus.PAID))
                .expectEvents(new PaymentRefused(
                        orderId,
                        storeId,
                        customer,
                        "imp_5",
                        ProviderPaymentStatus.PAID,
                        5_000,
                        "the order is EXPIRED",
                        true))
                .expectScheduledDeadlineWithName(Duration.ZERO, StoreOrder.CANCEL_DEADLINE)
                .expectResultMessagePayload(PaymentOutcome.REFUSED);
    }

    @Test
    void cannotBeAcceptedByAnotherMerchantOrBeforeItIsPlaced() {
        fixture.given(created(0), placed("imp_6", 5_000))
                .when(new AcceptStoreOrder(orderId, AccountId.of("someone-else")))
                .expectExceptionMessage("There is no store order " + orderId);
        fixture.given(created(0))
                .when(new AcceptStoreOrder(orderId, merchant))
                .expectExceptionMessage("Cannot accept order " + orderId + ": it is AWAITING_PAYMENT")
                .expectNoEvents();
    }

    @Test
    void aCompletedOrderEarnsOnePercentOfWhatWasPaidRoundedDown() {
        fixture.given(created(450), placed("imp_7", 4_550), new StoreOrderAccepted(orderId, storeId, customer))
                .when(new CompleteStoreOrder(orderId, merchant))
                .expectEvents(new StoreOrderCompleted(orderId, storeId, customer, 4_550, 45));
        verify(commands)
                .send(new Transfer(
                        TransferId.forKey("store-points-earned", orderId.value()),
                        SystemAccount.POINTS_ISSUED.accountId(),
                        LedgerAccountId.points(customer),
                        45,
                        TransferKind.POINTS_EARNED,
                        Map.of("orderId", orderId.value(), "storeId", storeId.value())));
    }

    @Test
    void anOrderCompletedAfterItsCustomerResignedEarnsNothingYetCreditsTheStore() {
        when(recipients.isActive(customer)).thenReturn(false);
        fixture.given(created(0), placed("imp_7r", 5_000), new StoreOrderAccepted(orderId, storeId, customer))
                .when(new CompleteStoreOrder(orderId, merchant))
                .expectEvents(new StoreOrderCompleted(orderId, storeId, customer, 5_000, 0));
        verify(commands)
                .send(new Transfer(
                        TransferId.forKey("store-sale", orderId.value()),
                        SystemAccount.PROVIDER.accountId(),
                        LedgerAccountId.storeWallet(storeId.value()),
                        5_000,
                        TransferKind.STORE_SALE,
                        Map.of("orderId", orderId.value(), "storeId", storeId.value())));
        verify(commands, never())
                .send(new Transfer(
                        TransferId.forKey("store-points-earned", orderId.value()),
                        SystemAccount.POINTS_ISSUED.accountId(),
                        LedgerAccountId.points(customer),
                        50,
                        TransferKind.POINTS_EARNED,
                        Map.of("orderId", orderId.value(), "storeId", storeId.value())));
    }

    private VerifyPayment cancelledAtProvider(String id, long amount, long cancelled) {
        ProviderPaymentStatus status =
                cancelled >= amount ? ProviderPaymentStatus.CANCELLED : ProviderPaymentStatus.PAID;
        return new VerifyPayment(orderId, new ProviderPayment(id, orderId.value(), amount, status, cancelled));
    }

    private Transfer pointsReturned(long points) {
        return new Transfer(
                TransferId.forKey("store-order-points-returned", orderId.value()),
                SystemAccount.POINTS_ISSUED.accountId(),
                LedgerAccountId.points(customer),
                points,
                TransferKind.STORE_ORDER_POINTS_RETURNED,
                Map.of("orderId", orderId.value(), "storeId", storeId.value()));
    }

    @Test
    void canEndAPlacedOrderWhosePaymentTheProviderCancelled() {
        String reason = "the provider reports the payment cancelled";
        fixture.given(created(0), placed("imp_8", 5_000))
                .when(cancelledAtProvider("imp_8", 5_000, 5_000))
                .expectEvents(
                        new PaymentCancelledAtProvider(orderId, storeId, customer, "imp_8", 5_000, 5_000, reason, true),
                        new StoreOrderRefused(orderId, storeId, customer, reason))
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(PaymentOutcome.CANCELLED);
    }

    @Test
    void canEndAnAcceptedOrderWhosePaymentTheProviderPartlyCancelledGivingBackPointsAndCancellingTheRest() {
        String reason = "the provider reports 1000 of the 4000 paid cancelled";
        fixture.given(created(1_000), placed("imp_9", 4_000), new StoreOrderAccepted(orderId, storeId, customer))
                .when(cancelledAtProvider("imp_9", 4_000, 1_000))
                .expectEvents(
                        new PaymentCancelledAtProvider(orderId, storeId, customer, "imp_9", 4_000, 1_000, reason, true),
                        new StoreOrderRefused(orderId, storeId, customer, reason))
                .expectScheduledDeadlineWithName(Duration.ZERO, StoreOrder.CANCEL_DEADLINE)
                .expectResultMessagePayload(PaymentOutcome.CANCELLED);
        verify(commands).send(pointsReturned(1_000));
    }

    @Test
    void cannotTakeTheProvidersCancellationTwice() {
        fixture.given(
                        created(0),
                        placed("imp_10", 5_000),
                        new PaymentCancelledAtProvider(
                                orderId, storeId, customer, "imp_10", 5_000, 5_000, "cancelled", true),
                        new StoreOrderRefused(orderId, storeId, customer, "cancelled"))
                .when(cancelledAtProvider("imp_10", 5_000, 5_000))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentOutcome.DUPLICATE);
    }

    @Test
    void cannotReverseACompletedOrderWhosePaymentTheProviderCancelledButRecordsIt() {
        String reason = "the provider reports the payment cancelled";
        fixture.given(
                        created(0),
                        placed("imp_11", 5_000),
                        new StoreOrderAccepted(orderId, storeId, customer),
                        new StoreOrderCompleted(orderId, storeId, customer, 5_000, 50))
                .when(cancelledAtProvider("imp_11", 5_000, 5_000))
                .expectEvents(new PaymentCancelledAtProvider(
                        orderId, storeId, customer, "imp_11", 5_000, 5_000, reason, false))
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(PaymentOutcome.CANCELLED);
    }

    @Test
    void cannotTakeOurOwnCancellationForTheProviders() {
        fixture.given(
                        created(0),
                        placed("imp_12", 5_000),
                        new StoreOrderRejected(orderId, storeId, customer, null, "imp_12"))
                .when(cancelledAtProvider("imp_12", 5_000, 5_000))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentOutcome.DUPLICATE);
    }

    @Test
    void canBeRejectedByAnAdminOnceAcceptedGivingBackItsSpentPoints() {
        fixture.given(created(1_000), placed("imp_13", 4_000), new StoreOrderAccepted(orderId, storeId, customer))
                .when(new RejectStoreOrder(orderId, AccountId.of("admin-1"), "Merchant left", true))
                .expectEvents(new StoreOrderRejected(orderId, storeId, customer, "Merchant left", "imp_13"))
                .expectScheduledDeadlineWithName(Duration.ZERO, StoreOrder.CANCEL_DEADLINE);
        verify(commands).send(pointsReturned(1_000));
    }

    @Test
    void cannotBeRejectedByItsMerchantOnceAccepted() {
        fixture.given(created(0), placed("imp_14", 5_000), new StoreOrderAccepted(orderId, storeId, customer))
                .when(new RejectStoreOrder(orderId, merchant, null, false))
                .expectExceptionMessage("Cannot reject order " + orderId + ": it is ACCEPTED")
                .expectNoEvents();
    }

    @Test
    void cannotPlaceAnOrderWithAPartlyCancelledPaymentAndCancelsTheRest() {
        String reason = "the provider reports 500 of the 5000 paid cancelled";
        fixture.given(created(0))
                .when(cancelledAtProvider("imp_15", 5_000, 500))
                .expectEvents(
                        new PaymentRefused(
                                orderId, storeId, customer, "imp_15", ProviderPaymentStatus.PAID, 5_000, reason, true),
                        new StoreOrderRefused(orderId, storeId, customer, reason))
                .expectScheduledDeadlineWithName(Duration.ZERO, StoreOrder.CANCEL_DEADLINE)
                .expectResultMessagePayload(PaymentOutcome.REFUSED);
    }

    private final AccountId recipient = AccountId.of("recipient-1");
    private final CouponCode code = new CouponCodes().next();

    private StoreOrderCreated giftCreated(long price) {
        return new StoreOrderCreated(
                orderId,
                StoreOrderKind.GIFT,
                storeId,
                merchant,
                customer,
                List.of(new StoreOrderLine(MenuId.newId(), "Latte", price, 1)),
                null,
                price,
                0,
                price,
                price == 0 ? null : Instant.now().plus(Duration.ofMinutes(15)),
                new GiftDetails("gift-1", recipient, "Enjoy"),
                null);
    }

    private GiftPaid giftPaid(String paymentId, long amount) {
        return new GiftPaid(orderId, storeId, customer, "gift-1", recipient, code, paymentId, amount);
    }

    @Test
    void aGiftWhosePaymentTheProviderCancelledWithdrawsItsUnusedCouponAndEnds() {
        String reason = "the provider reports the payment cancelled";
        when(commands.send(any(WithdrawCoupon.class))).thenReturn(new Coupon.Withdrawal(CouponStatus.WITHDRAWN, null));
        fixture.given(giftCreated(4_000), giftPaid("imp_20", 4_000))
                .when(cancelledAtProvider("imp_20", 4_000, 4_000))
                .expectEvents(
                        new PaymentCancelledAtProvider(
                                orderId, storeId, customer, "imp_20", 4_000, 4_000, reason, true),
                        new StoreOrderRefused(orderId, storeId, customer, reason))
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(PaymentOutcome.CANCELLED);
        verify(commands).send(new WithdrawCoupon(code, "The gift's payment was cancelled at the payment provider"));
        verify(commands, never()).send(any(RefuseCouponOrder.class));
    }

    @Test
    void aGiftWhosePaymentTheProviderPartlyCancelledEndsTheCouponOrderAndCancelsTheRest() {
        String reason = "the provider reports 1000 of the 4000 paid cancelled";
        StoreOrderId couponOrder = StoreOrderId.newId();
        when(commands.send(any(WithdrawCoupon.class)))
                .thenReturn(new Coupon.Withdrawal(CouponStatus.USED, couponOrder));
        when(commands.send(any(RefuseCouponOrder.class)))
                .thenReturn(new StoreOrderState(
                        couponOrder.value(), StoreOrderKind.COUPON, StoreOrderStatus.REFUSED, 0, 0, null));
        fixture.given(giftCreated(4_000), giftPaid("imp_21", 4_000))
                .when(cancelledAtProvider("imp_21", 4_000, 1_000))
                .expectEvents(
                        new PaymentCancelledAtProvider(
                                orderId, storeId, customer, "imp_21", 4_000, 1_000, reason, true),
                        new StoreOrderRefused(orderId, storeId, customer, reason))
                .expectScheduledDeadlineWithName(Duration.ZERO, StoreOrder.CANCEL_DEADLINE)
                .expectResultMessagePayload(PaymentOutcome.CANCELLED);
        verify(commands)
                .send(new RefuseCouponOrder(
                        couponOrder,
                        new ProviderPayment("imp_21", orderId.value(), 4_000, ProviderPaymentStatus.PAID, 1_000)));
    }

    @Test
    void cannotEndAGiftWhoseCouponOrderWasServedButRecordsItsCancelledPayment() {
        String reason = "the provider reports the payment cancelled";
        StoreOrderId couponOrder = StoreOrderId.newId();
        when(commands.send(any(WithdrawCoupon.class)))
                .thenReturn(new Coupon.Withdrawal(CouponStatus.USED, couponOrder));
        when(commands.send(any(RefuseCouponOrder.class)))
                .thenReturn(new StoreOrderState(
                        couponOrder.value(), StoreOrderKind.COUPON, StoreOrderStatus.COMPLETED, 0, 0, null));
        fixture.given(giftCreated(4_000), giftPaid("imp_22", 4_000))
                .when(cancelledAtProvider("imp_22", 4_000, 4_000))
                .expectEvents(new PaymentCancelledAtProvider(
                        orderId, storeId, customer, "imp_22", 4_000, 4_000, reason, false))
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(PaymentOutcome.CANCELLED);
    }

    private StoreOrderCreated couponOrderCreated() {
        return new StoreOrderCreated(
                orderId,
                StoreOrderKind.COUPON,
                storeId,
                merchant,
                recipient,
                List.of(new StoreOrderLine(MenuId.newId(), "Latte", 4_000, 1)),
                delivery,
                4_000,
                0,
                0,
                null,
                null,
                new Prepayment(code, "imp_23", 4_000, StoreOrderId.newId()));
    }

    private StoreOrderPlaced couponOrderPlaced() {
        return new StoreOrderPlaced(
                orderId, storeId, recipient, StoreOrderKind.COUPON, lines, delivery, 0, 0, "imp_23", 4_000);
    }

    @Test
    void canRefuseACouponOrderNotServedYetWhoseGiftLostItsPayment() {
        String reason = "the provider reports the payment cancelled";
        ProviderPayment cancelled = new ProviderPayment("imp_23", "gift-order", 4_000, ProviderPaymentStatus.CANCELLED);
        fixture.given(couponOrderCreated(), couponOrderPlaced(), new StoreOrderAccepted(orderId, storeId, recipient))
                .when(new RefuseCouponOrder(orderId, cancelled))
                .expectEvents(
                        new PaymentCancelledAtProvider(
                                orderId, storeId, recipient, "imp_23", 4_000, 4_000, reason, true),
                        new StoreOrderRefused(orderId, storeId, recipient, reason))
                .expectNoScheduledDeadlines();
    }

    @Test
    void cannotRefuseACompletedCouponOrderButRecordsItsGiftsCancelledPayment() {
        String reason = "the provider reports the payment cancelled";
        ProviderPayment cancelled = new ProviderPayment("imp_23", "gift-order", 4_000, ProviderPaymentStatus.CANCELLED);
        fixture.given(
                        couponOrderCreated(),
                        couponOrderPlaced(),
                        new StoreOrderAccepted(orderId, storeId, recipient),
                        new StoreOrderCompleted(orderId, storeId, recipient, 4_000, 0))
                .when(new RefuseCouponOrder(orderId, cancelled))
                .expectEvents(new PaymentCancelledAtProvider(
                        orderId, storeId, recipient, "imp_23", 4_000, 4_000, reason, false))
                .expectNoScheduledDeadlines();
    }

    @Test
    void canRefundAPaidGiftWhoseCouponEndedUnused() {
        fixture.given(giftCreated(4_000), giftPaid("imp_24", 4_000))
                .when(new RefundUnusedGift(orderId, "The gift's recipient has left"))
                .expectEvents(new GiftRefunded(orderId, storeId, customer, "The gift's recipient has left", "imp_24"))
                .expectScheduledDeadlineWithName(Duration.ZERO, StoreOrder.CANCEL_DEADLINE);
    }

    @Test
    void aFreeGiftWhoseCouponEndedUnusedHasNothingToRefund() {
        fixture.given(giftCreated(0), giftPaid(null, 0))
                .when(new RefundUnusedGift(orderId, "The gift's recipient has left"))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }
}
