-- A retired snack can no longer be requested: orders read this flag (FOR SHARE) with the price they copy.
ALTER TABLE snack_registry ADD COLUMN retired boolean NOT NULL DEFAULT false;
