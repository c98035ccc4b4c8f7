package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/**
 * A payment the provider records for this order could not be taken ({@code reason}). When the order was still
 * waiting for payment it is refused with it; a payment the provider holds as paid is to be cancelled there.
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
        boolean orderRefused,
        boolean cancelAtProvider)
        implements StoreOrderEvent {}
