-- Every recorded profile version of an account, one row per sign-up, change or correction, from which the
-- profile history, "as of" (valid time) and "as known at" (recorded time) are answered by indexed reads;
-- the account view keeps only what is in force. A version's fields are null when it left them untouched.
CREATE TABLE account_profile_version (
    account_id      varchar(64)  NOT NULL,
    sequence        bigint       NOT NULL,
    effective_from  timestamptz  NOT NULL,
    recorded_at     timestamptz  NOT NULL,
    changed_by      varchar(64),
    kind            varchar(16)  NOT NULL,
    name            text,
    nickname        text,
    gender          varchar(16),
    PRIMARY KEY (account_id, sequence)
);
CREATE INDEX account_profile_version_valid ON account_profile_version (account_id, effective_from, sequence);
-- Per field, the latest version that set it by a valid time: one index probe each.
CREATE INDEX account_profile_version_name ON account_profile_version (account_id, effective_from, sequence)
    WHERE name IS NOT NULL;
CREATE INDEX account_profile_version_nickname ON account_profile_version (account_id, effective_from, sequence)
    WHERE nickname IS NOT NULL;
CREATE INDEX account_profile_version_gender ON account_profile_version (account_id, effective_from, sequence)
    WHERE gender IS NOT NULL;

-- The view no longer embeds the timeline: the accounts projection rebuilds it and the versions from the
-- first event (a missing token starts at the beginning of the event store).
DELETE FROM account_view;
DELETE FROM token_entry WHERE processor_name = 'accounts';
