-- A name of 100 characters is stored longer than it was sent: NFC writes some letters as two (Devanagari's
-- nukta letters), and the key's NFKC as up to eighteen (U+FDFA). Such names were refused as text that cannot
-- be stored. The name and its key are unbounded now; the key is unique through its SHA-256, since an index
-- entry of PostgreSQL holds at most about 2,700 bytes.
ALTER TABLE snack_registry ALTER COLUMN name TYPE text, ALTER COLUMN name_key TYPE text;
ALTER TABLE snack_registry ADD COLUMN name_digest char(64);
UPDATE snack_registry SET name_digest = encode(sha256(convert_to(name_key, 'UTF8')), 'hex');
ALTER TABLE snack_registry ALTER COLUMN name_digest SET NOT NULL;
ALTER TABLE snack_registry ADD CONSTRAINT snack_registry_name_digest_key UNIQUE (name_digest);
ALTER TABLE snack_registry DROP CONSTRAINT snack_registry_name_key_key;
