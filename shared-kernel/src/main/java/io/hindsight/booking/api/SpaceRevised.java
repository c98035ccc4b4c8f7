package io.hindsight.booking.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The host changed a space's details (not its prices); the event holds every detail as it is now. */
@Revision("1")
public record SpaceRevised(
        SpaceId spaceId,
        String title,
        String subTitle,
        int categoryId,
        int districtId,
        int minCount,
        int maxCount,
        String address,
        List<Integer> facilityIds,
        List<String> imageUrls)
        implements SpaceEvent {}
