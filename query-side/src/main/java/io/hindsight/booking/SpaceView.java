package io.hindsight.booking;

import io.hindsight.booking.api.SpacePrices;
import java.time.Instant;
import java.util.List;

/** A space as registered, with how many users like it. */
public record SpaceView(
        String spaceId,
        String hostId,
        String title,
        String subTitle,
        int categoryId,
        int districtId,
        int minCount,
        int maxCount,
        String address,
        List<Integer> facilityIds,
        List<String> imageUrls,
        SpacePrices prices,
        long likes,
        Instant registeredAt) {

    public SpaceView {
        facilityIds = List.copyOf(facilityIds);
        imageUrls = List.copyOf(imageUrls);
    }

    public boolean admits(int headcount) {
        return headcount >= minCount && headcount <= maxCount;
    }

    SpaceView withLikes(long newLikes) {
        return new SpaceView(
                spaceId,
                hostId,
                title,
                subTitle,
                categoryId,
                districtId,
                minCount,
                maxCount,
                address,
                facilityIds,
                imageUrls,
                prices,
                newLikes,
                registeredAt);
    }
}
