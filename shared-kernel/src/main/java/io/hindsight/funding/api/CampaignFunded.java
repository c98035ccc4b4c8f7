package io.hindsight.funding.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.ledger.api.TransferId;
import org.axonframework.serialization.Revision;

/** A backer funded the campaign: {@code amount} is held from the backer's wallet by {@code transferId}. */
@Revision("1")
public record CampaignFunded(
        CampaignId campaignId, FundingId fundingId, AccountId backerId, long amount, TransferId transferId)
        implements CampaignEvent {}
