package io.hindsight.shop.api;

import org.axonframework.serialization.Revision;

/** A product was taken out of the cart. */
@Revision("1")
public record CartItemRemoved(CartId cartId, ProductId productId) implements CartEvent {}
