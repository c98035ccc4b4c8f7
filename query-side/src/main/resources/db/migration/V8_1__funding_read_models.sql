-- Read models of crowdfunding: one view per campaign (its backers inside), plus the columns the list
-- filters, searches and sorts on. Figures that depend on the clock (days left) are computed when read.
CREATE TABLE funding_campaign_view (
    aggregate_id   varchar(64)  PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    publisher_id   varchar(64)  NOT NULL,
    status         varchar(16)  NOT NULL,
    title_lower    varchar(400) NOT NULL,
    total_funded   bigint       NOT NULL,
    created_at     timestamptz  NOT NULL
);
CREATE INDEX funding_campaign_view_funded ON funding_campaign_view (total_funded DESC, created_at DESC, aggregate_id);
CREATE INDEX funding_campaign_view_newest ON funding_campaign_view (created_at DESC, aggregate_id);
CREATE INDEX funding_campaign_view_title ON funding_campaign_view USING gin (title_lower gin_trgm_ops);
