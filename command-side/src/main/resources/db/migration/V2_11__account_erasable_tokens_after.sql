-- The cut-off an account's tokens had just before it resigned. Resigning voids every token, yet the last one
-- may still erase the account's personal data; one voided earlier (a password change, a role change) may not.
-- Accounts that resigned before this column existed have none: their erasure is an ADMIN's.
ALTER TABLE account_credentials ADD COLUMN erasable_tokens_after timestamptz;
