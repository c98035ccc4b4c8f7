-- Refresh-token families that were revoked (log-out, re-use of a spent refresh token). The truth is here;
-- Redis holds a copy for the check on every request, so losing Redis never makes a logged-out token valid
-- again. A row is kept as long as any token of the family could still be presented.

CREATE TABLE account_revoked_token_family (
    family_id   varchar(64)  PRIMARY KEY,
    account_id  varchar(64)  NOT NULL,
    revoked_at  timestamptz  NOT NULL DEFAULT now(),
    expires_at  timestamptz  NOT NULL
);
CREATE INDEX account_revoked_token_family_expiry ON account_revoked_token_family (expires_at);
