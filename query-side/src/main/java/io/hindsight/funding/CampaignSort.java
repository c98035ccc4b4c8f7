package io.hindsight.funding;

import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.funding.api.FundingError;

/** How the campaign list is ordered: by total funded (the default), or newest first. */
public enum CampaignSort {
    FUNDED("total_funded DESC, created_at DESC, aggregate_id"),
    NEWEST("created_at DESC, aggregate_id");

    private final String orderBy;

    CampaignSort(String orderBy) {
        this.orderBy = orderBy;
    }

    String orderBy() {
        return orderBy;
    }

    public static CampaignSort parse(String text) {
        if (text == null || text.isBlank()) {
            return FUNDED;
        }
        try {
            return valueOf(AsciiCase.upperCase(text.strip()));
        } catch (IllegalArgumentException unknown) {
            throw new BusinessException(FundingError.UNKNOWN_SORT, "Sort by funded or newest, not %s", text);
        }
    }
}
