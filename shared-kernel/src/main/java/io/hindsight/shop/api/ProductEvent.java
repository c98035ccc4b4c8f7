package io.hindsight.shop.api;

/** Everything that can happen to a product. */
public sealed interface ProductEvent
        permits ProductCreated, ProductDetailsChanged, ProductPriceChanged, ProductDeactivated, ProductReactivated {

    ProductId productId();
}
