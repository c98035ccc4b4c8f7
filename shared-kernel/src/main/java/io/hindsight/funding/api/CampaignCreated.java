package io.hindsight.funding.api;

import io.hindsight.account.api.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A campaign opened for funding until {@code endsAt}; {@code zone} is where its days are counted. */
@Revision("1")
public record CampaignCreated(
        CampaignId campaignId,
        AccountId publisherId,
        String title,
        String description,
        long targetAmount,
        long fundingUnit,
        Instant endsAt,
        String zone)
        implements CampaignEvent {}
