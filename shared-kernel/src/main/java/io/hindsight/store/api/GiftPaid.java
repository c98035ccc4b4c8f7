package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** A gift was paid in full; the coupon {@code couponCode} was issued to its recipient. */
@Revision("1")
public record GiftPaid(
        StoreOrderId orderId,
        StoreId storeId,
        AccountId customerId,
        String giftId,
        AccountId recipientId,
        CouponCode couponCode,
        String paymentId,
        long amountPaid)
        implements StoreOrderEvent {}
