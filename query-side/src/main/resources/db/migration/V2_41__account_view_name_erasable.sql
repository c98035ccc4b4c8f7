-- An erased account's name reads as null: with the column NOT NULL, rebuilding the view after an erasure skipped
-- the account's sign-up, and the clean-up's replay left the account out of account_view altogether.
ALTER TABLE account_view ALTER COLUMN name DROP NOT NULL;
