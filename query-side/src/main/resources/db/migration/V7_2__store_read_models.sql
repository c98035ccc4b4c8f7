-- Read models of the stores context: per-aggregate views (the folded view as JSON) plus the columns
-- lists filter and sort on, and the durable log of the live streams' messages.

CREATE TABLE store_view (
    aggregate_id   varchar(64)  PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    merchant_id    varchar(64)  NOT NULL,
    name           varchar(100) NOT NULL,
    open           boolean      NOT NULL,
    registered_at  timestamptz  NOT NULL
);
CREATE INDEX store_view_list ON store_view (registered_at, aggregate_id);

CREATE TABLE store_order_view (
    aggregate_id   varchar(64)  PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    customer_id    varchar(64)  NOT NULL,
    store_id       varchar(64)  NOT NULL,
    kind           varchar(8)   NOT NULL,
    status         varchar(20)  NOT NULL,
    created_at     timestamptz  NOT NULL
);
CREATE INDEX store_order_view_customer ON store_order_view (customer_id, created_at);
CREATE INDEX store_order_view_store ON store_order_view (store_id, status, created_at);

CREATE TABLE store_coupon_view (
    aggregate_id   varchar(64)  PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    recipient_id   varchar(64)  NOT NULL,
    status         varchar(12)  NOT NULL,
    issued_at      timestamptz  NOT NULL
);
CREATE INDEX store_coupon_view_recipient ON store_coupon_view (recipient_id, issued_at);

-- One row per message of a live stream ('store:<storeId>' or 'user:<accountId>'), keyed by the position
-- of the event that made it: deterministic, so a replay rebuilds the same ids clients resume from.
CREATE TABLE store_message (
    stream    varchar(80)  NOT NULL,
    position  bigint       NOT NULL,
    type      varchar(32)  NOT NULL,
    at        timestamptz  NOT NULL,
    data      jsonb        NOT NULL,
    PRIMARY KEY (stream, position)
);
CREATE INDEX store_message_position ON store_message (position);
