-- Signed receipts of personal-data erasures (docs/audit.md, "Erasure"): the statement and its Ed25519
-- signature by the evidence key, and how far the clean-up of the read models has come. A receipt names the
-- account and the key destroyed, never the erased values.
CREATE TABLE erasure_receipt (
    erasure_id      varchar(36)   PRIMARY KEY,
    subject         varchar(64)   NOT NULL UNIQUE,
    erased_by       varchar(64)   NOT NULL,
    erased_at       timestamptz   NOT NULL,
    signing_key_id  varchar(64)   NOT NULL,
    statement       bytea         NOT NULL,
    signature       bytea         NOT NULL,
    cleanup_state   varchar(16)   NOT NULL,
    cleanup         text          NOT NULL DEFAULT ''
);
