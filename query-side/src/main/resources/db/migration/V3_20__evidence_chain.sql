-- Tamper evidence (docs/audit.md, "Evidence an auditor can verify"). Every event at or below the feed
-- horizon is chained in position order: chain_hash = SHA-256(previous chain_hash || leaf_hash), where
-- leaf_hash = SHA-256(0x00 || canonical bytes of the stored event). Written by one chainer at a time
-- (a PostgreSQL advisory lock), never by the command path.

CREATE TABLE evidence_chain (
    position     bigint PRIMARY KEY,
    chain_index  bigint NOT NULL UNIQUE CHECK (chain_index > 0),
    leaf_hash    bytea  NOT NULL CHECK (length(leaf_hash) = 32),
    chain_hash   bytea  NOT NULL CHECK (length(chain_hash) = 32)
);

-- One row: every position up to chained_through is chained or never committed; head_index and
-- head_hash are the last link (0 and 32 zero bytes before the first event).
CREATE TABLE evidence_chain_head (
    singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    chained_through  bigint  NOT NULL,
    head_index       bigint  NOT NULL,
    head_hash        bytea   NOT NULL CHECK (length(head_hash) = 32)
);
INSERT INTO evidence_chain_head (chained_through, head_index, head_hash)
VALUES (0, 0, decode(repeat('00', 32), 'hex'));

-- Public keys that signed checkpoints (X.509 SubjectPublicKeyInfo DER), one per node key.
CREATE TABLE evidence_keys (
    key_id      varchar(64) PRIMARY KEY,
    algorithm   varchar(32) NOT NULL,
    public_key  bytea       NOT NULL,
    first_used  timestamptz NOT NULL
);

-- Signed checkpoints: each covers the chain entries first_index .. first_index + tree_size - 1 (the
-- ones after the previous checkpoint) with an RFC 6962 Merkle root; statement is the exact signed text.
CREATE TABLE evidence_checkpoints (
    checkpoint_id        bigint      PRIMARY KEY,
    first_index          bigint      NOT NULL UNIQUE,
    tree_size            integer     NOT NULL CHECK (tree_size > 0),
    first_position       bigint      NOT NULL,
    last_position        bigint      NOT NULL,
    previous_chain_head  bytea       NOT NULL,
    chain_head           bytea       NOT NULL,
    merkle_root          bytea       NOT NULL,
    created_at           timestamptz NOT NULL,
    key_id               varchar(64) NOT NULL REFERENCES evidence_keys (key_id),
    statement            bytea       NOT NULL,
    signature            bytea       NOT NULL
);
