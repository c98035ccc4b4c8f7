-- Read model of the accounts context: one row per account, the folded view as JSON plus the columns
-- the ADMIN user list searches and sorts on.
CREATE TABLE account_view (
    aggregate_id   varchar(64)  PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    email          varchar(320),
    name           varchar(100) NOT NULL,
    nickname       varchar(30),
    signed_up_at   timestamptz  NOT NULL,
    resigned       boolean      NOT NULL
);
CREATE INDEX account_view_signed_up ON account_view (signed_up_at, aggregate_id);
