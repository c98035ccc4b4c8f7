package io.hindsight.shop.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing product; an unknown one is answered PRODUCT_NOT_FOUND. */
public sealed interface ProductCommand extends ToExistingAggregate permits ChangeProduct {

    ProductId productId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(ShopError.PRODUCT_NOT_FOUND, "No product %s", productId());
    }
}
