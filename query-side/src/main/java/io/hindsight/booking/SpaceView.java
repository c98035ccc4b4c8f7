package io.hindsight.booking;

import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.api.SpaceRevised;
import java.time.Instant;
import java.util.List;

/**
 * A space as its host last revised it, with its uploaded images and how many users like it. An unlisted
 * space ({@code unlistedAt} set) is left out of the list and cannot be booked.
 */
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
        Instant registeredAt,
        List<SpaceImage> images,
        Instant unlistedAt) {

    public SpaceView {
        facilityIds = List.copyOf(facilityIds);
        imageUrls = List.copyOf(imageUrls);
        images = images == null ? List.of() : List.copyOf(images);
    }

    public boolean listed() {
        return unlistedAt == null;
    }

    /** The picture the list shows: the first linked image, else the first uploaded one. */
    public String coverImageUrl() {
        if (!imageUrls.isEmpty()) {
            return imageUrls.get(0);
        }
        return images.isEmpty() ? null : images.get(0).url();
    }

    public boolean admits(int headcount) {
        return headcount >= minCount && headcount <= maxCount;
    }

    SpaceView withLikes(long newLikes) {
        return with(prices, newLikes, images, unlistedAt);
    }

    SpaceView withPrices(SpacePrices newPrices) {
        return with(newPrices, likes, images, unlistedAt);
    }

    SpaceView withImages(List<SpaceImage> newImages) {
        return with(prices, likes, newImages, unlistedAt);
    }

    SpaceView unlistedSince(Instant at) {
        return with(prices, likes, images, at);
    }

    SpaceView revised(SpaceRevised revision) {
        return new SpaceView(
                spaceId,
                hostId,
                revision.title(),
                revision.subTitle(),
                revision.categoryId(),
                revision.districtId(),
                revision.minCount(),
                revision.maxCount(),
                revision.address(),
                revision.facilityIds(),
                revision.imageUrls(),
                prices,
                likes,
                registeredAt,
                images,
                unlistedAt);
    }

    /** The same details with what changes after registration (besides a revision) replaced. */
    private SpaceView with(SpacePrices newPrices, long newLikes, List<SpaceImage> newImages, Instant newUnlistedAt) {
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
                newPrices,
                newLikes,
                registeredAt,
                newImages,
                newUnlistedAt);
    }

    /** An image the host uploaded, served at {@code url}. */
    public record SpaceImage(String name, String url, String contentType, long size, Instant addedAt) {}
}
