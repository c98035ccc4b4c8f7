-- Who requested the order holding each snack, so that a resigning member's CREATED orders can be found and canceled
-- in the resignation's transaction. Orders created before this column are read from their SnackOrderCreated events.
ALTER TABLE snack_open_request ADD COLUMN requester_id varchar(64);

UPDATE snack_open_request r
SET requester_id = created.requester_id
FROM (SELECT aggregate_identifier AS order_id, convert_from(payload, 'UTF8')::jsonb ->> 'requesterId' AS requester_id
      FROM domain_event_entry
      WHERE payload_type = 'io.hindsight.snack.api.SnackOrderCreated') created
WHERE created.order_id = r.order_id;

CREATE INDEX snack_open_request_requester ON snack_open_request (requester_id);
