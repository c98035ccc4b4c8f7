package io.hindsight.booking;

import io.hindsight.booking.api.BookingError;
import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import java.util.Arrays;

/** How the space list is ordered: by list price (the cheapest option) either way, or by likes. */
public enum SpaceSort {
    PRICE_ASC("price_asc", "list_price ASC, registered_at DESC, aggregate_id"),
    PRICE_DESC("price_desc", "list_price DESC, registered_at DESC, aggregate_id"),
    BEST("best", "likes DESC, registered_at DESC, aggregate_id");

    private final String parameter;
    private final String orderBy;

    SpaceSort(String parameter, String orderBy) {
        this.parameter = parameter;
        this.orderBy = orderBy;
    }

    public String orderBy() {
        return orderBy;
    }

    /** The sort a client asked for; "best" when it asked for none. */
    public static SpaceSort parse(String text) {
        if (text == null || text.isBlank()) {
            return BEST;
        }
        return Arrays.stream(values())
                .filter(sort -> AsciiCase.equalsIgnoringCase(sort.parameter, text.trim()))
                .findFirst()
                .orElseThrow(() -> new BusinessException(
                        BookingError.UNKNOWN_SORT, "sort must be one of price_asc, price_desc, best, not %s", text));
    }
}
