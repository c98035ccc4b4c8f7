package io.hindsight.booking.api;

import org.axonframework.serialization.Revision;

/** The host changed a space's prices; bookings placed before keep the price they were placed with. */
@Revision("1")
public record SpacePricesChanged(SpaceId spaceId, SpacePrices prices, SpacePrices previous) implements SpaceEvent {}
