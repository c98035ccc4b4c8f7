-- The ledger's balances, TigerBeetle style: per account the posted and pending debits and credits.
-- Command-owned: each transfer event's command updates the rows of its two accounts in the same
-- transaction as it appends the event, after locking them in account id order.
--   balance (available) = credits_posted - debits_posted - debits_pending
--   held                = debits_pending
-- Accounts of users and stores can never be overdrawn, pending debits included: the CHECK is the last
-- guard behind the command's own refusal. System accounts are where money enters and leaves; they go
-- negative, and per currency every account's credits minus debits sums to zero.
CREATE TABLE ledger_account (
    account_id      varchar(120) PRIMARY KEY,
    kind            varchar(16)  NOT NULL CHECK (kind IN ('USER_WALLET', 'STORE_WALLET', 'USER_POINTS', 'SYSTEM')),
    currency        varchar(8)   NOT NULL CHECK (currency IN ('KRW', 'POINT')),
    debits_pending  bigint       NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
    debits_posted   bigint       NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
    credits_pending bigint       NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
    credits_posted  bigint       NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
    CONSTRAINT ledger_account_never_overdrawn
        CHECK (kind = 'SYSTEM' OR credits_posted - debits_posted - debits_pending >= 0)
);

-- The system accounts exist from the start; users' and stores' accounts are opened by commands.
INSERT INTO ledger_account (account_id, kind, currency) VALUES
    ('system-deposits', 'SYSTEM', 'KRW'),
    ('system-payouts', 'SYSTEM', 'KRW'),
    ('system-provider', 'SYSTEM', 'KRW'),
    ('system-points-issued', 'SYSTEM', 'POINT');
