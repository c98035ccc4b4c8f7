package io.hindsight.funding.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing campaign; an unknown one is answered CAMPAIGN_NOT_FOUND. */
public sealed interface CampaignCommand extends ToExistingAggregate
        permits EditCampaign, WithdrawCampaign, CloseCampaign, CancelCampaign, FundCampaign, PublisherLeft {

    CampaignId campaignId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(FundingError.CAMPAIGN_NOT_FOUND, "There is no campaign %s", campaignId());
    }
}
