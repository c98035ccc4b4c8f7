package io.hindsight.store;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.Commands;
import io.hindsight.store.api.CouponCode;
import io.hindsight.store.api.CouponExpired;
import io.hindsight.store.api.CouponIssued;
import io.hindsight.store.api.CouponRegistered;
import io.hindsight.store.api.CouponStatus;
import io.hindsight.store.api.CouponUsed;
import io.hindsight.store.api.CouponWithdrawn;
import io.hindsight.store.api.Delivery;
import io.hindsight.store.api.IssueCoupon;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.PlaceCouponOrder;
import io.hindsight.store.api.RecipientLeft;
import io.hindsight.store.api.RefundUnusedGift;
import io.hindsight.store.api.RegisterCoupon;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreOrderId;
import io.hindsight.store.api.UseCoupon;
import io.hindsight.store.api.WithdrawCoupon;
import io.hindsight.store.guard.UnusedCoupons;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CouponTest {

    private final CouponCode code = new CouponCodes().next();
    private final AccountId recipient = AccountId.of("recipient-1");
    private final AccountId giver = AccountId.of("giver-1");
    private final StoreId storeId = StoreId.newId();
    private final MenuId menuId = MenuId.newId();
    private final StoreOrderId giftOrder = StoreOrderId.newId();
    private final Delivery delivery = new Delivery("Home 1", null);
    private AggregateTestFixture<Coupon> fixture;
    private Commands commands;
    private UnusedCoupons unused;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Coupon.class);
        commands = mock(Commands.class);
        unused = mock(UnusedCoupons.class);
        fixture.registerInjectableResource(commands);
        fixture.registerInjectableResource(unused);
    }

    /** Through the command, so that the expiry deadline is scheduled as in production. */
    private IssueCoupon issue(Instant expiresAt) {
        return new IssueCoupon(
                code, "gift-1", giftOrder, storeId, menuId, "Latte", recipient, giver, null, expiresAt, "imp_1", 4_500);
    }

    private CouponIssued issued(Instant expiresAt) {
        return new CouponIssued(
                code, "gift-1", giftOrder, storeId, menuId, "Latte", recipient, giver, "Enjoy", expiresAt, "imp_1",
                4_500);
    }

    private Instant later() {
        return Instant.now().plus(Duration.ofDays(1));
    }

    @Test
    void canBeUsedOnceRegisteredPlacingItsOrder() {
        StoreOrderId orderId = StoreOrderId.newId();
        fixture.given(issued(later()), new CouponRegistered(code, recipient))
                .when(new UseCoupon(code, recipient, orderId, delivery))
                .expectEvents(new CouponUsed(code, recipient, orderId));
        verify(commands).send(any(PlaceCouponOrder.class));
    }

    @Test
    void cannotBeUsedBeforeItIsRegistered() {
        fixture.given(issued(later()))
                .when(new UseCoupon(code, recipient, StoreOrderId.newId(), delivery))
                .expectExceptionMessage("Register the coupon before ordering with it")
                .expectNoEvents();
        verify(commands, never()).send(any());
    }

    @Test
    void cannotBeUsedTwice() {
        fixture.given(
                        issued(later()),
                        new CouponRegistered(code, recipient),
                        new CouponUsed(code, recipient, giftOrder))
                .when(new UseCoupon(code, recipient, StoreOrderId.newId(), delivery))
                .expectExceptionMessage("The coupon was used already")
                .expectNoEvents();
    }

    @Test
    void cannotBeRegisteredOrUsedByAnotherUser() {
        fixture.given(issued(later()))
                .when(new RegisterCoupon(code, giver))
                .expectExceptionMessage("There is no such coupon")
                .expectNoEvents();
    }

    @Test
    void cannotBeUsedAtOrAfterItsEndEvenBeforeTheDeadlineRan() {
        fixture.given(issued(Instant.now().minusSeconds(1)), new CouponRegistered(code, recipient))
                .when(new UseCoupon(code, recipient, StoreOrderId.newId(), delivery))
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("The coupon expired at"))
                .expectNoEvents();
    }

    @Test
    void canExpireByItsDeadline() {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        fixture.givenCommands(issue(expiresAt))
                .whenThenTimeAdvancesTo(expiresAt)
                .expectDeadlinesMet(new CouponExpiry(code))
                .expectEvents(new CouponExpired(code, recipient));
        verify(commands).send(new RefundUnusedGift(giftOrder, "The gift's coupon expired unused"));
        verify(unused).ended(code);
    }

    @Test
    void aUsedCouponNeitherExpiresNorRefundsItsGift() {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        fixture.givenCommands(issue(expiresAt))
                .andGiven(new CouponRegistered(code, recipient), new CouponUsed(code, recipient, StoreOrderId.newId()))
                .whenThenTimeAdvancesTo(expiresAt)
                .expectDeadlinesMet(new CouponExpiry(code))
                .expectNoEvents();
        verify(commands, never()).send(any(RefundUnusedGift.class));
    }

    @Test
    void canBeWithdrawnUnusedWhenItsGiftLostItsPayment() {
        fixture.given(issued(later()), new CouponRegistered(code, recipient))
                .when(new WithdrawCoupon(code, "Payment cancelled"))
                .expectEvents(new CouponWithdrawn(code, recipient, storeId, menuId, "Payment cancelled"))
                .expectResultMessagePayload(new Coupon.Withdrawal(CouponStatus.WITHDRAWN, null));
        verify(unused).ended(code);
        verify(commands, never()).send(any());
    }

    @Test
    void cannotWithdrawAUsedCouponButNamesTheOrderItPlaced() {
        StoreOrderId placed = StoreOrderId.newId();
        fixture.given(issued(later()), new CouponRegistered(code, recipient), new CouponUsed(code, recipient, placed))
                .when(new WithdrawCoupon(code, "Payment cancelled"))
                .expectNoEvents()
                .expectResultMessagePayload(new Coupon.Withdrawal(CouponStatus.USED, placed));
    }

    @Test
    void cannotBeRegisteredOrUsedOnceWithdrawn() {
        fixture.given(
                        issued(later()),
                        new CouponRegistered(code, recipient),
                        new CouponWithdrawn(code, recipient, storeId, menuId, "Payment cancelled"))
                .when(new UseCoupon(code, recipient, StoreOrderId.newId(), delivery))
                .expectExceptionMessage("The coupon was withdrawn: its gift can no longer be served")
                .expectNoEvents();
        fixture.given(issued(later()), new CouponWithdrawn(code, recipient, storeId, menuId, "Payment cancelled"))
                .when(new RegisterCoupon(code, recipient))
                .expectExceptionMessage("The coupon was withdrawn: its gift can no longer be served")
                .expectNoEvents();
        verify(commands, never()).send(any());
    }

    @Test
    void canBeWithdrawnWhenItsRecipientLeavesRefundingItsGiftAtOnce() {
        String reason = "The gift's recipient has left";
        fixture.given(issued(later()))
                .when(new RecipientLeft(code, recipient))
                .expectEvents(new CouponWithdrawn(code, recipient, storeId, menuId, reason));
        verify(commands).send(new RefundUnusedGift(giftOrder, reason));
        verify(unused).ended(code);
    }

    @Test
    void aWithdrawnCouponNeitherExpiresNorRefundsItsGiftAgain() {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        fixture.givenCommands(issue(expiresAt))
                .andGivenCommands(new RecipientLeft(code, recipient))
                .whenThenTimeAdvancesTo(expiresAt)
                .expectDeadlinesMet(new CouponExpiry(code))
                .expectNoEvents();
        verify(commands).send(any(RefundUnusedGift.class));
    }

    @Test
    void cannotWithdrawAnotherRecipientsCouponForTheirLeaving() {
        fixture.given(issued(later()))
                .when(new RecipientLeft(code, giver))
                .expectExceptionMessage("There is no such coupon")
                .expectNoEvents();
    }
}
