package io.hindsight.funding.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The publisher closes a SUCCESS campaign once its rewards are delivered. */
public record CloseCampaign(@TargetAggregateIdentifier CampaignId campaignId, AccountId publisherId)
        implements CampaignCommand {}
