package io.hindsight.booking.api;

import org.axonframework.serialization.Revision;

/** The host took the space out of the list; it cannot be booked until relisted. */
@Revision("1")
public record SpaceUnlisted(SpaceId spaceId) implements SpaceEvent {}
