package io.hindsight.funding.api;

import org.axonframework.serialization.Revision;

/** The campaign ended with its target reached: every funding was paid to the publisher. */
@Revision("1")
public record CampaignSucceeded(CampaignId campaignId, long totalFunded, int participants) implements CampaignEvent {}
