package io.hindsight.booking;

import io.hindsight.booking.api.SpaceLiked;
import io.hindsight.booking.api.SpaceRegistered;
import io.hindsight.booking.api.SpaceUnliked;
import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;

/** The space view as a fold of the space's events. */
public final class SpaceFold implements Fold<SpaceView> {

    @Override
    public SpaceView apply(SpaceView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof SpaceRegistered registered) {
            return new SpaceView(
                    registered.spaceId().value(),
                    registered.hostId().value(),
                    registered.title(),
                    registered.subTitle(),
                    registered.categoryId(),
                    registered.districtId(),
                    registered.minCount(),
                    registered.maxCount(),
                    registered.address(),
                    registered.facilityIds(),
                    registered.imageUrls(),
                    registered.prices(),
                    0,
                    event.timestamp());
        }
        if (payload instanceof SpaceLiked) {
            return view.withLikes(view.likes() + 1);
        }
        if (payload instanceof SpaceUnliked) {
            return view.withLikes(view.likes() - 1);
        }
        return view;
    }
}
