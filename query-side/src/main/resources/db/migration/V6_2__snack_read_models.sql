-- Read models of the snacks context: per-aggregate views (the folded view as JSON) plus the columns
-- lists filter and sort on. Like and hate counts live in Redis sets (hs:snack:{id}:likes / :hates).

CREATE TABLE snack_view (
    aggregate_id   varchar(64)  PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    name           varchar(100) NOT NULL,
    registered_at  timestamptz  NOT NULL
);
CREATE INDEX snack_view_registered ON snack_view (registered_at, aggregate_id);

-- One member's reaction to one snack with its timeline, so counts can be told as of any instant.
CREATE TABLE snack_reaction_view (
    aggregate_id   varchar(160) PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    snack_id       varchar(64)  NOT NULL,
    account_id     varchar(64)  NOT NULL,
    reaction       varchar(8)
);
CREATE INDEX snack_reaction_view_snack ON snack_reaction_view (snack_id);

CREATE TABLE snack_order_view (
    aggregate_id    varchar(64)  PRIMARY KEY,
    view            jsonb        NOT NULL,
    last_sequence   bigint       NOT NULL,
    updated_at      timestamptz  NOT NULL,
    requester_id    varchar(64)  NOT NULL,
    status          varchar(16)  NOT NULL,
    created_at      timestamptz  NOT NULL,
    created_on      date         NOT NULL,
    snack_quantity  integer      NOT NULL
);
CREATE INDEX snack_order_view_created ON snack_order_view (created_on, created_at);
CREATE INDEX snack_order_view_requester ON snack_order_view (requester_id, created_at);
