package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.CreatesIfMissing;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order a coupon pays for: its one menu item, placed at once; sent by the coupon as it is used. */
public record PlaceCouponOrder(
        @TargetAggregateIdentifier StoreOrderId orderId,
        AccountId customerId,
        StoreId storeId,
        MenuId menuId,
        Prepayment prepayment,
        Delivery delivery)
        implements CreatesIfMissing {}
