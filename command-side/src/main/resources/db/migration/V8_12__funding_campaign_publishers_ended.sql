-- Command-owned: whether a campaign has ended (succeeded, failed, been canceled or withdrawn), set in the transaction
-- of its end. A resignation winds up and waits for the turns of its publisher's campaigns that have not; campaigns
-- that ended before this column are read from their events.
ALTER TABLE funding_campaign_publishers ADD COLUMN ended boolean NOT NULL DEFAULT false;

UPDATE funding_campaign_publishers SET ended = true
WHERE campaign_id IN (
    SELECT aggregate_identifier FROM domain_event_entry
    WHERE payload_type IN (
        'io.hindsight.funding.api.CampaignSucceeded',
        'io.hindsight.funding.api.CampaignFailed',
        'io.hindsight.funding.api.CampaignCanceled',
        'io.hindsight.funding.api.CampaignWithdrawn'));
