-- Read models of the ledger. Balances are not stored here: an account's balance, now or as of any
-- instant, is the sum of its entries, one per transfer that touched it (the fold of its transfers).

-- One row per ledger account of a user or a store (system accounts are never opened).
CREATE TABLE ledger_account_view (
    aggregate_id   varchar(120) PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    kind           varchar(16)  NOT NULL,
    owner_id       varchar(120) NOT NULL
);
CREATE INDEX ledger_account_view_owner ON ledger_account_view (owner_id);

-- One row per transfer, with its state.
CREATE TABLE ledger_transfer_view (
    aggregate_id   varchar(220) PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    kind           varchar(32)  NOT NULL,
    status         varchar(8)   NOT NULL,
    from_account   varchar(120) NOT NULL,
    to_account     varchar(120) NOT NULL,
    created_at     timestamptz  NOT NULL
);

-- One row per (account, transfer): the transfer as that account sees it. Kept by the transfers read
-- model; the times a hold was posted or voided let the balance be told as of any instant.
CREATE TABLE ledger_entry_view (
    account_id    varchar(120) NOT NULL,
    transfer_id   varchar(220) NOT NULL,
    direction     varchar(6)   NOT NULL CHECK (direction IN ('DEBIT', 'CREDIT')),
    kind          varchar(32)  NOT NULL,
    amount        bigint       NOT NULL,
    currency      varchar(8)   NOT NULL,
    counterparty  varchar(120) NOT NULL,
    status        varchar(8)   NOT NULL,
    created_at    timestamptz  NOT NULL,
    posted_at     timestamptz,
    voided_at     timestamptz,
    refs          jsonb        NOT NULL,
    PRIMARY KEY (account_id, transfer_id)
);
CREATE INDEX ledger_entry_view_account_time ON ledger_entry_view (account_id, created_at, transfer_id);
