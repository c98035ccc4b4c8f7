-- Command-owned: each coupon not used, expired or withdrawn yet, with its recipient, so that a resigning recipient's
-- coupons can be found and withdrawn (their gifts refunded) in the resignation's transaction. Coupons issued before
-- this table are read from their events.
CREATE TABLE store_unused_coupon (
    code          varchar(64) PRIMARY KEY,
    recipient_id  varchar(64) NOT NULL
);
CREATE INDEX store_unused_coupon_recipient ON store_unused_coupon (recipient_id);

INSERT INTO store_unused_coupon (code, recipient_id)
SELECT issued.aggregate_identifier, convert_from(issued.payload, 'UTF8')::jsonb ->> 'recipientId'
FROM domain_event_entry issued
WHERE issued.payload_type = 'io.hindsight.store.api.CouponIssued'
  AND NOT EXISTS (SELECT 1
                  FROM domain_event_entry ended
                  WHERE ended.aggregate_identifier = issued.aggregate_identifier
                    AND ended.payload_type IN ('io.hindsight.store.api.CouponUsed',
                                               'io.hindsight.store.api.CouponExpired'))
ON CONFLICT DO NOTHING;
