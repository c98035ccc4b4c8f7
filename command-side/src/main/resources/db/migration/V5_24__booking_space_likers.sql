-- Command-owned: who likes each space, written in the transaction of the SpaceLiked or SpaceUnliked event that
-- changes it. A space's aggregate keeps only the count, so its state and snapshots no longer grow with every member
-- who ever liked it; "each user at most once" is this table's key. Likes given before it are read from the events:
-- a pair is here when its latest like event is a SpaceLiked.
CREATE TABLE booking_space_likers (
    space_id    varchar(64) NOT NULL,
    account_id  varchar(64) NOT NULL,
    PRIMARY KEY (space_id, account_id)
);

INSERT INTO booking_space_likers (space_id, account_id)
SELECT latest.space_id, latest.account_id
FROM (SELECT DISTINCT ON (aggregate_identifier, convert_from(payload, 'UTF8')::jsonb ->> 'accountId')
             aggregate_identifier AS space_id,
             convert_from(payload, 'UTF8')::jsonb ->> 'accountId' AS account_id,
             payload_type
      FROM domain_event_entry
      WHERE payload_type IN ('io.hindsight.booking.api.SpaceLiked', 'io.hindsight.booking.api.SpaceUnliked')
      ORDER BY aggregate_identifier, convert_from(payload, 'UTF8')::jsonb ->> 'accountId', sequence_number DESC) latest
WHERE latest.payload_type = 'io.hindsight.booking.api.SpaceLiked'
ON CONFLICT DO NOTHING;
