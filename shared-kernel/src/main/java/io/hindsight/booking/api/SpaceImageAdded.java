package io.hindsight.booking.api;

import org.axonframework.serialization.Revision;

/** The host uploaded an image of the space, stored under {@code imageName}. */
@Revision("1")
public record SpaceImageAdded(SpaceId spaceId, String imageName, String contentType, long size) implements SpaceEvent {}
