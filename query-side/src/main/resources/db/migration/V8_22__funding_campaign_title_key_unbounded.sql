-- A title's search key is lower-cased and composed (NFC), which writes some letters longer than the title holds them
-- (U+FB2C as three, a dotted capital I lowered as two): a title of 200 such letters overflowed varchar(400), and the
-- projection parked the campaign's events. The key has no limit of its own; the title's limit bounds it.
ALTER TABLE funding_campaign_view ALTER COLUMN title_lower TYPE text;
