package io.hindsight.funding.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The publisher takes a FUNDING campaign back: every funding is refunded and it leaves the lists. */
public record WithdrawCampaign(@TargetAggregateIdentifier CampaignId campaignId, AccountId publisherId)
        implements CampaignCommand {}
