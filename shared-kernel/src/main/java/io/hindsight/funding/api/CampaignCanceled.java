package io.hindsight.funding.api;

import org.axonframework.serialization.Revision;

/** An ADMIN canceled the campaign (CANCEL): every funding was refunded. */
@Revision("1")
public record CampaignCanceled(CampaignId campaignId) implements CampaignEvent {}
