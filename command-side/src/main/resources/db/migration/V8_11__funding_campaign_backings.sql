-- Command-owned: who backed each campaign and the hold that took their money, written in the transaction of the
-- CampaignFunded event. A campaign's aggregate keeps its total and number of backers only, so its state and snapshots
-- no longer grow with every backer; "a backer funds once" is this table's key, and the end settles the holds listed
-- here. Fundings made before this table are read from their events.
CREATE TABLE funding_campaign_backings (
    campaign_id  varchar(64)  NOT NULL,
    backer_id    varchar(64)  NOT NULL,
    transfer_id  varchar(256) NOT NULL,
    PRIMARY KEY (campaign_id, backer_id)
);

INSERT INTO funding_campaign_backings (campaign_id, backer_id, transfer_id)
SELECT aggregate_identifier,
       convert_from(payload, 'UTF8')::jsonb ->> 'backerId',
       convert_from(payload, 'UTF8')::jsonb ->> 'transferId'
FROM domain_event_entry
WHERE payload_type = 'io.hindsight.funding.api.CampaignFunded'
ON CONFLICT DO NOTHING;
