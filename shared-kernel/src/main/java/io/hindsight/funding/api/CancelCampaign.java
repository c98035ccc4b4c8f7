package io.hindsight.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN cancels a FUNDING campaign: every funding is refunded. */
public record CancelCampaign(@TargetAggregateIdentifier CampaignId campaignId) implements CampaignCommand {}
