package io.hindsight.shop.api;

import org.axonframework.serialization.Revision;

/** A deactivated product is sold again. */
@Revision("1")
public record ProductReactivated(ProductId productId) implements ProductEvent {}
