package io.hindsight.booking.api;

import org.axonframework.serialization.Revision;

/** The host removed an uploaded image from the space. */
@Revision("1")
public record SpaceImageRemoved(SpaceId spaceId, String imageName) implements SpaceEvent {}
