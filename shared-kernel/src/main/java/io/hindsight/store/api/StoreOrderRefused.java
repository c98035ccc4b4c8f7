package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The order's payment could not be taken ({@code reason}): the order ends, its points released. */
@Revision("1")
public record StoreOrderRefused(StoreOrderId orderId, StoreId storeId, AccountId customerId, String reason)
        implements StoreOrderEvent {}
