package io.hindsight.funding;

import io.hindsight.funding.api.CampaignId;
import java.time.Instant;

/** The deadline payload that ends a campaign at {@code endsAt}; one for an end since moved is ignored. */
public record CampaignEnd(CampaignId campaignId, Instant endsAt) {}
