package io.hindsight.shop.api;

/** Everything that can happen to a cart. */
public sealed interface CartEvent permits CartOpened, CartItemAdded, CartItemReduced, CartItemRemoved, CartCheckedOut {

    CartId cartId();
}
