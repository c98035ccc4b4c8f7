-- The ADMIN user list filters by role: the account's roles as a list column, names in alphabetical order
-- (as the read model writes them), filled in for the rows projected before the column existed so that a
-- verified replay finds them equal.
ALTER TABLE account_view ADD COLUMN roles text[];
UPDATE account_view SET roles = ARRAY(SELECT jsonb_array_elements_text(view -> 'roles') ORDER BY 1);
ALTER TABLE account_view ALTER COLUMN roles SET NOT NULL;
CREATE INDEX account_view_roles ON account_view USING gin (roles);
CREATE INDEX account_view_resigned ON account_view (resigned, signed_up_at);
