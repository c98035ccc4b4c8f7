package io.hindsight.shop.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.CreatesIfMissing;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds {@code quantity} of a product to the account's open cart, opening the cart if it is new. */
public record AddCartItem(
        @TargetAggregateIdentifier CartId cartId, AccountId accountId, ProductId productId, int quantity)
        implements CreatesIfMissing {}
