package io.hindsight.shop.api;

import org.axonframework.serialization.Revision;

/** The product is no longer sold: it cannot be added to a cart or checked out. */
@Revision("1")
public record ProductDeactivated(ProductId productId) implements ProductEvent {}
