package io.hindsight.shop.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lowers a product's quantity in the cart to {@code quantity}; 0 removes the product. */
public record ReduceCartItem(
        @TargetAggregateIdentifier CartId cartId, AccountId accountId, ProductId productId, int quantity)
        implements CartCommand {}
