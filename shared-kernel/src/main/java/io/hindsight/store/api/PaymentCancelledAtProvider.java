package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/**
 * The provider reports the payment that paid for this order cancelled, in full or in part ({@code cancelledAmount} of
 * {@code amount}), without our asking: a refund from its console, a chargeback. When {@code orderEnds} the order had
 * not been served yet and is refused with it ({@link StoreOrderRefused}); a completed order only records it, as does a
 * gift whose coupon placed an order that was completed. A coupon order records its gift's payment.
 */
@Revision("1")
public record PaymentCancelledAtProvider(
        StoreOrderId orderId,
        StoreId storeId,
        AccountId customerId,
        String paymentId,
        long amount,
        long cancelledAmount,
        String reason,
        boolean orderEnds)
        implements StoreOrderEvent {}
