-- A campaign's backers, one row per funding in funding order, kept by the campaigns projection beside the view,
-- which no longer embeds them (every funding rewrote the whole list, every read and snapshot carried it).
CREATE TABLE funding_backer_view (
    campaign_id varchar(64)  NOT NULL,
    sequence    bigint       NOT NULL,
    funding_id  varchar(200) NOT NULL,
    account_id  varchar(64)  NOT NULL,
    amount      bigint       NOT NULL,
    funded_at   timestamptz  NOT NULL,
    PRIMARY KEY (campaign_id, sequence)
);
CREATE INDEX funding_backer_view_backer ON funding_backer_view (campaign_id, account_id);

-- The views and their snapshots change shape: the campaigns projection rebuilds them and the backers from the
-- first event (a missing token starts at the beginning of the event store).
DELETE FROM funding_campaign_view;
DELETE FROM read_model_snapshot WHERE read_model = 'funding-campaigns';
DELETE FROM token_entry WHERE processor_name = 'funding-campaigns';
