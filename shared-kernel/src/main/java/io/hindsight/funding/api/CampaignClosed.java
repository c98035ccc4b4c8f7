package io.hindsight.funding.api;

import org.axonframework.serialization.Revision;

/** The publisher closed a successful campaign after delivering it. */
@Revision("1")
public record CampaignClosed(CampaignId campaignId) implements CampaignEvent {}
