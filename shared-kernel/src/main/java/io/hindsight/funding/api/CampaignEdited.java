package io.hindsight.funding.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The publisher changed a FUNDING campaign; every field holds its value after the change. */
@Revision("1")
public record CampaignEdited(CampaignId campaignId, String title, String description, long fundingUnit, Instant endsAt)
        implements CampaignEvent {}
