package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The host changes any of a space's details; a null field stays as it is. New prices replace all prices (an
 * option without one is no longer offered) and apply to bookings placed from then on.
 */
public record ReviseSpace(
        @TargetAggregateIdentifier SpaceId spaceId,
        AccountId requestedBy,
        String title,
        String subTitle,
        Integer categoryId,
        Integer districtId,
        Integer minCount,
        Integer maxCount,
        String address,
        List<Integer> facilityIds,
        List<String> imageUrls,
        SpacePrices prices)
        implements SpaceCommand {

    public ReviseSpace {
        facilityIds = facilityIds == null
                ? null
                : facilityIds.stream().distinct().sorted().toList();
        imageUrls = imageUrls == null ? null : List.copyOf(imageUrls);
    }

    public boolean changesNothing() {
        return title == null
                && subTitle == null
                && categoryId == null
                && districtId == null
                && minCount == null
                && maxCount == null
                && address == null
                && facilityIds == null
                && imageUrls == null
                && prices == null;
    }
}
