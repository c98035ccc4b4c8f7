package io.hindsight.funding.api;

import org.axonframework.serialization.Revision;

/** The publisher withdrew the campaign: every funding was refunded and it left the lists. */
@Revision("1")
public record CampaignWithdrawn(CampaignId campaignId) implements CampaignEvent {}
