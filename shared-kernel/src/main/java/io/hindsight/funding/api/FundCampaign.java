package io.hindsight.funding.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A backer funds a FUNDING campaign once, with its funding unit held from the backer's wallet. {@code agreedAmount},
 * when given, is the unit the backer saw: a unit the publisher has changed since is refused rather than held.
 */
public record FundCampaign(@TargetAggregateIdentifier CampaignId campaignId, AccountId backerId, Long agreedAmount)
        implements CampaignCommand {

    /** A funding of whatever the unit is when it lands. */
    public FundCampaign(CampaignId campaignId, AccountId backerId) {
        this(campaignId, backerId, null);
    }
}
