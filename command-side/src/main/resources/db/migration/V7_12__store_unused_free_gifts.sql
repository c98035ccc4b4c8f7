-- Who gave each unused coupon and whether it was free, so that the unused free gifts one giver holds out to one
-- recipient can be counted as a free gift is placed (hindsight.stores.max-unused-free-gifts). Coupons already out
-- are filled in from their events.
ALTER TABLE store_unused_coupon ADD COLUMN giver_id varchar(64);
ALTER TABLE store_unused_coupon ADD COLUMN free boolean NOT NULL DEFAULT false;

UPDATE store_unused_coupon unused
SET giver_id = issued.giver_id,
    free = issued.paid_amount = 0
FROM (SELECT aggregate_identifier                                                    AS code,
             convert_from(payload, 'UTF8')::jsonb ->> 'fromAccountId'                AS giver_id,
             (convert_from(payload, 'UTF8')::jsonb ->> 'paidAmount')::bigint          AS paid_amount
      FROM domain_event_entry
      WHERE payload_type = 'io.hindsight.store.api.CouponIssued') issued
WHERE issued.code = unused.code;

CREATE INDEX store_unused_coupon_free_gifts ON store_unused_coupon (giver_id, recipient_id) WHERE free;
