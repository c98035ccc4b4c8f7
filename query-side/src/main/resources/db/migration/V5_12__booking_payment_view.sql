-- Bookings are paid through the ledger: a booking's view shows its payment (the hold's transfer id, amount,
-- status) instead of the free-form payment reference a client could send before. Bookings projected before
-- were placed without a hold, and the fold gives them no payment, so their stored views are brought to that
-- shape and a verified replay finds them equal.
UPDATE booking_slot_view
SET view = jsonb_set(view, '{bookings}', (
    SELECT coalesce(jsonb_agg((booking - 'paymentReference') || '{"payment": null}'::jsonb ORDER BY position),
                    '[]'::jsonb)
    FROM jsonb_array_elements(view -> 'bookings') WITH ORDINALITY AS b(booking, position)))
WHERE jsonb_path_exists(view, '$.bookings[*].paymentReference');

UPDATE booking_entry
SET view = (view - 'paymentReference') || '{"payment": null}'::jsonb
WHERE view ? 'paymentReference';
