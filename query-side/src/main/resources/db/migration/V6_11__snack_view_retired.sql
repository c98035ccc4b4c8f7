-- Snack views now say when a snack was retired; views projected before carry the field as null, exactly as
-- the fold writes them, so that a verified replay finds them equal.
UPDATE snack_view SET view = view || '{"retiredAt": null}'::jsonb WHERE NOT view ? 'retiredAt';
