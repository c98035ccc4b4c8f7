package io.hindsight.booking;

import io.hindsight.booking.api.SpacePrices;
import java.util.List;

/** A space as its host sees it right after a change: listed or not, its prices and its uploaded images. */
public record SpaceSnapshot(String spaceId, boolean listed, SpacePrices prices, List<String> imageNames) {}
