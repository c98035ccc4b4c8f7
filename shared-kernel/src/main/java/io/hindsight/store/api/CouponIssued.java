package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A paid gift became a single-use coupon for one menu item at one store, for its recipient, until {@code expiresAt}. */
@Revision("1")
public record CouponIssued(
        CouponCode code,
        String giftId,
        StoreOrderId giftOrderId,
        StoreId storeId,
        MenuId menuId,
        String menuName,
        AccountId recipientId,
        AccountId fromAccountId,
        @PersonalData(subject = "fromAccountId") String message,
        Instant expiresAt,
        String paymentId,
        long paidAmount)
        implements CouponEvent {}
