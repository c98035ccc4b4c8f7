package io.hindsight.funding.api;

import io.hindsight.account.api.AccountId;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The publisher changes a FUNDING campaign; null leaves a field as it is. The target is never changed. */
public record EditCampaign(
        @TargetAggregateIdentifier CampaignId campaignId,
        AccountId publisherId,
        String title,
        String description,
        Long fundingUnit,
        Instant endsAt,
        LocalDate endsOn)
        implements CampaignCommand {}
