package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A HOST registered a space with its prices per option. */
@Revision("1")
public record SpaceRegistered(
        SpaceId spaceId,
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
        SpacePrices prices)
        implements SpaceEvent {}
