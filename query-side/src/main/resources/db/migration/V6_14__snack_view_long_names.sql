-- A snack's name is stored as NFC, which writes some letters of a 100-character name as two (V6_13).
ALTER TABLE snack_view ALTER COLUMN name TYPE text;
