package io.hindsight.booking.api;

/** Everything that can happen to a space. */
public sealed interface SpaceEvent
        permits SpaceRegistered,
                SpaceLiked,
                SpaceUnliked,
                SpaceRevised,
                SpacePricesChanged,
                SpaceUnlisted,
                SpaceRelisted,
                SpaceImageAdded,
                SpaceImageRemoved {

    SpaceId spaceId();
}
