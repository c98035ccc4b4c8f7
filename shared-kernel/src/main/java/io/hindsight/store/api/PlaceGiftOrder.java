package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.CreatesIfMissing;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A customer buys one menu item as a gift for another user, paid at the provider like any order. */
public record PlaceGiftOrder(
        @TargetAggregateIdentifier StoreOrderId orderId,
        String giftId,
        AccountId customerId,
        AccountId recipientId,
        StoreId storeId,
        MenuId menuId,
        String message)
        implements CreatesIfMissing {}
