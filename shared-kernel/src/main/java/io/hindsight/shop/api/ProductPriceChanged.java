package io.hindsight.shop.api;

import org.axonframework.serialization.Revision;

/** The price changed for every cart checked out from now on; receipts already issued keep theirs. */
@Revision("1")
public record ProductPriceChanged(ProductId productId, long price, long previousPrice) implements ProductEvent {}
