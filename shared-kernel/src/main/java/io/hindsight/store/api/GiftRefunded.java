package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/**
 * The gift's coupon ended unused ({@code reason}: it expired, or its recipient left), so the giver's payment is to be
 * cancelled: the gift order is refunded.
 */
@Revision("1")
public record GiftRefunded(
        StoreOrderId orderId, StoreId storeId, AccountId customerId, String reason, String paymentToCancel)
        implements StoreOrderEvent {}
