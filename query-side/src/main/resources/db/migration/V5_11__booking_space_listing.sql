-- Spaces can be unlisted (left out of the list) and carry uploaded images. Views projected before have
-- neither: they gain the fields as the fold writes them (no images, listed), so a verified replay finds
-- them equal.
ALTER TABLE booking_space_view ADD COLUMN listed boolean NOT NULL DEFAULT true;
UPDATE booking_space_view SET view = view || '{"images": [], "unlistedAt": null}'::jsonb WHERE NOT view ? 'images';
CREATE INDEX booking_space_view_host_registered ON booking_space_view (host_id, registered_at DESC);
