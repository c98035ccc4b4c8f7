-- Command-owned: the bookings still PENDING or CONFIRMED, by host and date, added in the transaction of the slot
-- event that places one and removed in that of the event that cancels it or lets it expire, so that a host's
-- resignation can be refused while one of theirs is still to come (HOST_HAS_BOOKINGS). Bookings placed before this
-- table are read from their events: every BookingPlaced with no BookingCanceled or BookingExpired of the same booking
-- (its date is the one its id spells, as the slot it is routed to).
CREATE TABLE booking_live_bookings (
    booking_id    varchar(128) PRIMARY KEY,
    host_id       varchar(64)  NOT NULL,
    booking_date  date         NOT NULL
);
CREATE INDEX booking_live_bookings_host ON booking_live_bookings (host_id, booking_date);

INSERT INTO booking_live_bookings (booking_id, host_id, booking_date)
SELECT placed.booking_id,
       placed.host_id,
       substring(placed.booking_id FROM '_(\d{4}-\d{2}-\d{2})_[0-9a-f]{12}$')::date AS booking_date
FROM (SELECT convert_from(payload, 'UTF8')::jsonb ->> 'bookingId' AS booking_id,
             convert_from(payload, 'UTF8')::jsonb ->> 'hostId'    AS host_id
      FROM domain_event_entry
      WHERE payload_type = 'io.hindsight.booking.api.BookingPlaced') placed
LEFT JOIN (SELECT convert_from(payload, 'UTF8')::jsonb ->> 'bookingId' AS booking_id
           FROM domain_event_entry
           WHERE payload_type IN ('io.hindsight.booking.api.BookingCanceled',
                                  'io.hindsight.booking.api.BookingExpired')) ended
       ON ended.booking_id = placed.booking_id
WHERE ended.booking_id IS NULL
  AND placed.booking_id ~ '_\d{4}-\d{2}-\d{2}_[0-9a-f]{12}$'
ON CONFLICT DO NOTHING;
