package io.hindsight.booking.api;

import org.axonframework.serialization.Revision;

/** The host put the space back in the list. */
@Revision("1")
public record SpaceRelisted(SpaceId spaceId) implements SpaceEvent {}
