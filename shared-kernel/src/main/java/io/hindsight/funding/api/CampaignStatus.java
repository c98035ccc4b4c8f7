package io.hindsight.funding.api;

/**
 * Where a campaign is: FUNDING until its end, then SUCCESS (target reached, money paid to the publisher) or
 * CANCEL (refunded); a SUCCESS campaign is CLOSED when delivered; a withdrawn one has left the lists.
 */
public enum CampaignStatus {
    FUNDING,
    SUCCESS,
    CANCEL,
    CLOSED,
    WITHDRAWN
}
