package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A HOST registered a space with its prices per option. */
@Revision("1")
public record SpaceRegistered(SpaceId spaceId,
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
                              SpacePrices prices) implements SpaceEvent {
}
