package io.hindsight.shop.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a product out of the cart whatever its quantity. */
public record RemoveCartItem(@TargetAggregateIdentifier CartId cartId, AccountId accountId, ProductId productId)
        implements CartCommand {}
