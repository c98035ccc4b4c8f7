-- Lets DeadLetterIT have PostgreSQL itself refuse a row, with the row's values in its error's detail.
ALTER TABLE poison_probe ADD CONSTRAINT poison_probe_name_refused CHECK (name NOT LIKE '%REFUSED-%');
