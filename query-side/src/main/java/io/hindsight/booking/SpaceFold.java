package io.hindsight.booking;

import io.hindsight.booking.api.SpaceImageAdded;
import io.hindsight.booking.api.SpaceImageRemoved;
import io.hindsight.booking.api.SpaceLiked;
import io.hindsight.booking.api.SpacePricesChanged;
import io.hindsight.booking.api.SpaceRegistered;
import io.hindsight.booking.api.SpaceRelisted;
import io.hindsight.booking.api.SpaceRevised;
import io.hindsight.booking.api.SpaceUnliked;
import io.hindsight.booking.api.SpaceUnlisted;
import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import java.util.ArrayList;
import java.util.List;

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
                    event.timestamp(),
                    List.of(),
                    null);
        }
        if (payload instanceof SpaceRevised revised) {
            return view.revised(revised);
        }
        if (payload instanceof SpacePricesChanged changed) {
            return view.withPrices(changed.prices());
        }
        if (payload instanceof SpaceUnlisted) {
            return view.unlistedSince(event.timestamp());
        }
        if (payload instanceof SpaceRelisted) {
            return view.unlistedSince(null);
        }
        if (payload instanceof SpaceImageAdded added) {
            List<SpaceView.SpaceImage> images = new ArrayList<>(view.images());
            images.add(new SpaceView.SpaceImage(
                    added.imageName(),
                    "/api/images/" + added.imageName(),
                    added.contentType(),
                    added.size(),
                    event.timestamp()));
            return view.withImages(images);
        }
        if (payload instanceof SpaceImageRemoved removed) {
            return view.withImages(view.images().stream()
                    .filter(image -> !image.name().equals(removed.imageName()))
                    .toList());
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
