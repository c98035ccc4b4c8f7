package io.hindsight.funding;

import io.hindsight.funding.api.CampaignStatus;
import java.time.Instant;

/** A campaign as its aggregate knows it right after a command, returned to the caller. */
public record CampaignState(
        String campaignId,
        String title,
        String description,
        long targetAmount,
        long fundingUnit,
        Instant endsAt,
        CampaignStatus status,
        long totalFunded,
        int participants) {}
