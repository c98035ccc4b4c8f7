package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A HOST offers a space for booking. */
public record RegisterSpace(
        @TargetAggregateIdentifier SpaceId spaceId,
        AccountId hostId,
        String title,
        String subTitle,
        int categoryId,
        int districtId,
        int minCount,
        int maxCount,
        String address,
        List<Integer> facilityIds,
        List<String> imageUrls,
        SpacePrices prices) {

    public RegisterSpace {
        facilityIds = facilityIds == null
                ? List.of()
                : facilityIds.stream().distinct().sorted().toList();
        imageUrls = imageUrls == null ? List.of() : List.copyOf(imageUrls);
    }
}
