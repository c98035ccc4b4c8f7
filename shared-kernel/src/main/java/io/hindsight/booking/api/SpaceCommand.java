package io.hindsight.booking.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing space; an unknown one is answered SPACE_NOT_FOUND. */
public sealed interface SpaceCommand extends ToExistingAggregate
        permits LikeSpace, UnlikeSpace, ReviseSpace, UnlistSpace, RelistSpace, AddSpaceImage, RemoveSpaceImage {

    SpaceId spaceId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(BookingError.SPACE_NOT_FOUND, "There is no space %s", spaceId());
    }
}
