package io.hindsight.shop.api;

import org.axonframework.serialization.Revision;

/** A product's quantity in the cart was lowered to {@code quantity} (at least 1). */
@Revision("1")
public record CartItemReduced(CartId cartId, ProductId productId, int quantity) implements CartEvent {}
