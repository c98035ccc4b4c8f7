package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issues the single-use coupon a paid gift buys, to its recipient, valid until {@code expiresAt}. */
public record IssueCoupon(
        @TargetAggregateIdentifier CouponCode code,
        String giftId,
        StoreOrderId giftOrderId,
        StoreId storeId,
        MenuId menuId,
        String menuName,
        AccountId recipientId,
        AccountId fromAccountId,
        String message,
        Instant expiresAt,
        String paymentId,
        long paidAmount) {}
