package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The merchant completed the order: the store's wallet was credited and the customer earned points. */
@Revision("1")
public record StoreOrderCompleted(
        StoreOrderId orderId, StoreId storeId, AccountId customerId, long amountCredited, long pointsEarned)
        implements StoreOrderEvent {}
