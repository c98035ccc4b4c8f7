package io.hindsight.funding.api;

import org.axonframework.serialization.Revision;

/** The campaign ended short of its target (CANCEL): every funding was refunded. */
@Revision("1")
public record CampaignFailed(CampaignId campaignId, long totalFunded, int participants) implements CampaignEvent {}
