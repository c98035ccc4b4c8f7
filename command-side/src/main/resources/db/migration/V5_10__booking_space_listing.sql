-- An unlisted space cannot be booked: bookings read the flag with the terms (FOR SHARE), so an unlisting or
-- a price change running at the same time comes wholly before a booking (which then sees it) or after it.
ALTER TABLE booking_space_terms ADD COLUMN listed boolean NOT NULL DEFAULT true;
