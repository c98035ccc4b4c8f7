-- One AES-256 key per account whose personal data events hold (crypto-shredding, docs/design.md). Erasing
-- the account's personal data deletes the key and keeps the row as a tombstone, so no new key is ever made
-- for it and later events store its personal fields as erased. Back this table up with the event store:
-- losing a key loses that account's personal data.
CREATE TABLE personal_data_key (
    subject       varchar(64)   PRIMARY KEY,
    key_id        varchar(36)   NOT NULL UNIQUE,
    key_bytes     bytea,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    erased_at     timestamptz,
    CONSTRAINT personal_data_key_erased CHECK ((key_bytes IS NULL) = (erased_at IS NOT NULL))
);
