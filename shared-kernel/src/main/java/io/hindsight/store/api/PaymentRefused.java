package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/**
 * A payment the provider records for this order could not be taken ({@code reason}); a payment the provider holds
 * as paid is to be cancelled there. The order itself is refused by {@link StoreOrderRefused} when it was still
 * waiting for payment.
 */
@Revision("1")
public record PaymentRefused(
        StoreOrderId orderId,
        StoreId storeId,
        AccountId customerId,
        String paymentId,
        ProviderPaymentStatus providerStatus,
        long amount,
        String reason,
        boolean cancelAtProvider)
        implements StoreOrderEvent {}
