-- The ADMIN user search matches a substring of email, name or nickname (ILIKE '%keyword%'); trigram
-- indexes let PostgreSQL answer it without reading every account.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX account_view_email_trgm ON account_view USING gin (email gin_trgm_ops);
CREATE INDEX account_view_name_trgm ON account_view USING gin (name gin_trgm_ops);
CREATE INDEX account_view_nickname_trgm ON account_view USING gin (nickname gin_trgm_ops);
