-- Read models of the shop context. Per-aggregate views hold the folded view as JSON plus the columns
-- lists filter and sort on; every value comes from the events (timestamps included), so a replay
-- rebuilds them exactly.

CREATE TABLE shop_product_view (
    aggregate_id   varchar(64)  PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    active         boolean      NOT NULL,
    created_at     timestamptz  NOT NULL
);
CREATE INDEX shop_product_view_listing ON shop_product_view (created_at, aggregate_id);

CREATE TABLE shop_cart_view (
    aggregate_id   varchar(200) PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    account_id     varchar(64)  NOT NULL,
    cart_number    bigint       NOT NULL,
    status         varchar(16)  NOT NULL,
    opened_at      timestamptz  NOT NULL
);
CREATE INDEX shop_cart_view_account ON shop_cart_view (account_id, cart_number);

CREATE TABLE shop_receipt_view (
    aggregate_id   varchar(64)  PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    account_id     varchar(64)  NOT NULL,
    order_number   varchar(64)  NOT NULL,
    ordered_at     timestamptz  NOT NULL
);
CREATE INDEX shop_receipt_view_account ON shop_receipt_view (account_id, ordered_at DESC, aggregate_id DESC);

-- One row per product per receipt: the fact table the sales statistics aggregate over. Keyed by
-- (receipt, product), so a redelivered event inserts nothing twice.
CREATE TABLE shop_sales_line (
    receipt_id    varchar(64)  NOT NULL,
    product_id    varchar(64)  NOT NULL,
    ordered_at    timestamptz  NOT NULL,
    product_name  varchar(200) NOT NULL,
    quantity      integer      NOT NULL,
    revenue       bigint       NOT NULL,
    PRIMARY KEY (receipt_id, product_id)
);
CREATE INDEX shop_sales_line_ordered ON shop_sales_line (ordered_at);
