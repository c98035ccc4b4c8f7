-- A slot's view keeps the bookings that hold the slot, pending or confirmed. It kept every booking the slot ever had,
-- rewritten and reread whole with each of the slot's events; a canceled or expired booking is now its booking_entry
-- row alone (written by the same projection, and kept as it was).
CREATE FUNCTION pg_temp.holding_bookings(slot jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_set(slot, '{bookings}', (
        SELECT coalesce(jsonb_agg(booking ORDER BY placed), '[]'::jsonb)
        FROM jsonb_array_elements(slot -> 'bookings') WITH ORDINALITY AS b(booking, placed)
        WHERE booking ->> 'status' IN ('PENDING', 'CONFIRMED')))
$$;

UPDATE booking_slot_view SET view = pg_temp.holding_bookings(view)
WHERE jsonb_typeof(view -> 'bookings') = 'array'
  AND jsonb_path_exists(view, '$.bookings[*] ? (@.status != "PENDING" && @.status != "CONFIRMED")');

UPDATE read_model_snapshot SET view = pg_temp.holding_bookings(view)
WHERE read_model = 'booking-slots'
  AND jsonb_typeof(view -> 'bookings') = 'array'
  AND jsonb_path_exists(view, '$.bookings[*] ? (@.status != "PENDING" && @.status != "CONFIRMED")');

DROP FUNCTION pg_temp.holding_bookings(jsonb);
