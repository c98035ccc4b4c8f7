-- A live booking names its guest, so that one whose guest has resigned keeps no host from resigning: it can be neither
-- paid back (GUEST_LEFT) nor come to. Rows written before are given the guest their BookingPlaced names.
ALTER TABLE booking_live_bookings ADD COLUMN guest_id varchar(64);

UPDATE booking_live_bookings live SET guest_id = placed.guest_id
FROM (SELECT convert_from(payload, 'UTF8')::jsonb ->> 'bookingId' AS booking_id,
             convert_from(payload, 'UTF8')::jsonb ->> 'guestId'   AS guest_id
      FROM domain_event_entry
      WHERE payload_type = 'io.hindsight.booking.api.BookingPlaced') placed
WHERE placed.booking_id = live.booking_id;
