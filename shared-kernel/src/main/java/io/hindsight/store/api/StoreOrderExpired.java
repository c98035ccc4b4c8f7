package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** No payment came before the order's deadline; its points were released. */
@Revision("1")
public record StoreOrderExpired(StoreOrderId orderId, StoreId storeId, AccountId customerId)
        implements StoreOrderEvent {}
