package io.hindsight.funding.api;

import io.hindsight.account.api.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A PUBLISHER opens a campaign that takes fundings of {@code fundingUnit} until {@code endsAt}. */
public record CreateCampaign(
        @TargetAggregateIdentifier CampaignId campaignId,
        AccountId publisherId,
        String title,
        String description,
        long targetAmount,
        long fundingUnit,
        Instant endsAt,
        String zone) {}
