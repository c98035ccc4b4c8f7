-- Command-owned tables of the accounts context. They are written in the same transaction as the
-- account's events, and their unique constraints are the last guard of the set-based rules.

CREATE TABLE account_credentials (
    account_id          varchar(64)  PRIMARY KEY,
    email_lower         varchar(320) UNIQUE,
    password_hash       varchar(100),
    roles               varchar(200) NOT NULL,
    resigned            boolean      NOT NULL DEFAULT false,
    tokens_valid_after  timestamptz  NOT NULL DEFAULT 'epoch'
);

CREATE TABLE account_nickname_lookup (
    nickname_lower  varchar(100) PRIMARY KEY,
    account_id      varchar(64)  NOT NULL
);
CREATE INDEX account_nickname_lookup_account ON account_nickname_lookup (account_id);

CREATE TABLE account_social_lookup (
    provider    varchar(32)  NOT NULL,
    subject     varchar(255) NOT NULL,
    account_id  varchar(64)  NOT NULL,
    PRIMARY KEY (provider, subject)
);

-- One row per account that currently holds ADMIN; locked while an ADMIN is removed so the last
-- one can never go.
CREATE TABLE account_admin (
    account_id  varchar(64) PRIMARY KEY
);
