package io.hindsight.funding.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A backer funds a FUNDING campaign once, with its funding unit held from the backer's wallet. */
public record FundCampaign(@TargetAggregateIdentifier CampaignId campaignId, AccountId backerId)
        implements CampaignCommand {}
