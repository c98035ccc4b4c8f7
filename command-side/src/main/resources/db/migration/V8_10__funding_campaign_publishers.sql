-- Command-owned: each campaign's publisher, so that a resigning publisher's campaigns can be found and those still
-- taking money withdrawn in the resignation's transaction. Campaigns created before this table are read from their
-- CampaignCreated events.
CREATE TABLE funding_campaign_publishers (
    campaign_id   varchar(64) PRIMARY KEY,
    publisher_id  varchar(64) NOT NULL
);
CREATE INDEX funding_campaign_publishers_publisher ON funding_campaign_publishers (publisher_id);

INSERT INTO funding_campaign_publishers (campaign_id, publisher_id)
SELECT aggregate_identifier, convert_from(payload, 'UTF8')::jsonb ->> 'publisherId'
FROM domain_event_entry
WHERE payload_type = 'io.hindsight.funding.api.CampaignCreated'
ON CONFLICT DO NOTHING;
