package io.hindsight.shop.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing cart; an unknown one is answered CART_NOT_FOUND. */
public sealed interface CartCommand extends ToExistingAggregate permits ReduceCartItem, RemoveCartItem, CheckOutCart {

    CartId cartId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(ShopError.CART_NOT_FOUND, "No cart %s", cartId());
    }
}
