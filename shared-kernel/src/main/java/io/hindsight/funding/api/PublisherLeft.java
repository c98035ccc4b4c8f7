package io.hindsight.funding.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The campaign's publisher resigned: still FUNDING, it is withdrawn and every funding refunded, since nobody is
 * left to deliver it; in any other state nothing changes. Sent by the resignation, in its transaction.
 */
public record PublisherLeft(@TargetAggregateIdentifier CampaignId campaignId, AccountId publisherId)
        implements CampaignCommand {}
