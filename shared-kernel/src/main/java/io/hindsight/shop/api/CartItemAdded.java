package io.hindsight.shop.api;

import org.axonframework.serialization.Revision;

/** {@code quantity} more of a product went into the cart. */
@Revision("1")
public record CartItemAdded(CartId cartId, ProductId productId, int quantity) implements CartEvent {}
