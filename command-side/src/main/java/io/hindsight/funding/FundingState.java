package io.hindsight.funding;

/** A funding right after it was accepted: its id and the amount held from the backer's wallet. */
public record FundingState(String fundingId, String campaignId, long amount) {}
