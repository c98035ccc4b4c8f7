-- Command-owned: the bookings that were canceled or expired, written in the transaction of the event that ended each.
-- A slot aggregate keeps only its live bookings, so its state and snapshots no longer grow with every booking its date
-- ever had; a confirm or cancel naming an ended booking is answered from here (who may see it, and what it became).
-- Bookings that ended before this table are read from their events. The state is the answer a command returns, in the
-- shape of BookingState: the booking as placed, its end, and its payment voided or refunded.
CREATE TABLE booking_ended_bookings (
    booking_id  varchar(128) PRIMARY KEY,
    guest_id    varchar(64)  NOT NULL,
    host_id     varchar(64)  NOT NULL,
    state       jsonb        NOT NULL
);

INSERT INTO booking_ended_bookings (booking_id, guest_id, host_id, state)
SELECT placed.p ->> 'bookingId',
       placed.p ->> 'guestId',
       placed.p ->> 'hostId',
       jsonb_build_object(
           'bookingId', placed.p -> 'bookingId',
           'spaceId', placed.p -> 'spaceId',
           'date', placed.p -> 'date',
           'option', placed.p -> 'option',
           'headcount', placed.p -> 'headcount',
           'status', ended.status,
           'price', placed.p -> 'price',
           'currency', placed.p -> 'currency',
           'holdExpiresAt', placed.p -> 'holdExpiresAt',
           'payment', CASE WHEN placed.p ->> 'transferId' IS NULL THEN NULL ELSE jsonb_build_object(
               'transferId', placed.p -> 'transferId',
               'amount', placed.p -> 'price',
               'currency', placed.p -> 'currency',
               'status', CASE WHEN ended.e ->> 'refundTransferId' IS NULL THEN 'VOIDED' ELSE 'REFUNDED' END,
               'refundTransferId', ended.e -> 'refundTransferId') END)
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p
      FROM domain_event_entry
      WHERE payload_type = 'io.hindsight.booking.api.BookingPlaced') placed
JOIN (SELECT convert_from(payload, 'UTF8')::jsonb AS e,
             CASE payload_type WHEN 'io.hindsight.booking.api.BookingCanceled' THEN 'CANCELED' ELSE 'EXPIRED' END
                 AS status
      FROM domain_event_entry
      WHERE payload_type IN ('io.hindsight.booking.api.BookingCanceled',
                             'io.hindsight.booking.api.BookingExpired')) ended
  ON ended.e ->> 'bookingId' = placed.p ->> 'bookingId'
ON CONFLICT DO NOTHING;
