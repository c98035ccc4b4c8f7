-- Whose request a kept response answered, so erasing an account's personal data also forgets the responses
-- kept for its requests (they may repeat its name or address). Anonymous requests (sign-up) have none.
ALTER TABLE idempotency_record ADD COLUMN account_id varchar(64);
CREATE INDEX idempotency_record_account ON idempotency_record (account_id) WHERE account_id IS NOT NULL;
