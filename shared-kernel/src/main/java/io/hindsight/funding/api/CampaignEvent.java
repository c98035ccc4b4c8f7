package io.hindsight.funding.api;

/** Everything that can happen to a campaign. */
public sealed interface CampaignEvent
        permits CampaignCreated,
                CampaignEdited,
                CampaignFunded,
                CampaignSucceeded,
                CampaignFailed,
                CampaignCanceled,
                CampaignWithdrawn,
                CampaignClosed {

    CampaignId campaignId();
}
