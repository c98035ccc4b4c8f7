-- Each change of a member's reaction to a snack, one row per event, from which the counts as of an instant are told.
-- The views kept them as a timeline in their JSON, rewritten whole at every change: the rows are taken from those
-- timelines (one entry per event, from the first), and the timelines dropped from the views and their snapshots. An
-- event's instant is kept whole: its microsecond in `at` and the nanoseconds past it in `at_nanos`, so that a read as
-- of the event's own instant sees it, as it did in the timeline.
CREATE TABLE snack_reaction_change (
    reaction_id  varchar(160) NOT NULL,
    sequence     bigint       NOT NULL,
    snack_id     varchar(64)  NOT NULL,
    account_id   varchar(64)  NOT NULL,
    reaction     varchar(8),
    at           timestamptz  NOT NULL,
    at_nanos     smallint     NOT NULL,
    PRIMARY KEY (reaction_id, sequence)
);
CREATE INDEX snack_reaction_change_snack ON snack_reaction_change (snack_id, reaction_id, sequence);

INSERT INTO snack_reaction_change (reaction_id, sequence, snack_id, account_id, reaction, at, at_nanos)
SELECT v.aggregate_id, c.ordinality - 1, v.snack_id, v.account_id, c.change ->> 'reaction',
       CAST(regexp_replace(c.change ->> 'at', '(\.[0-9]+)?Z$', '') || '.' || left(f.digits, 6) || 'Z' AS timestamptz),
       CAST(right(f.digits, 3) AS smallint)
FROM snack_reaction_view v
CROSS JOIN LATERAL jsonb_array_elements(v.view -> 'timeline') WITH ORDINALITY AS c(change, ordinality)
CROSS JOIN LATERAL (
    SELECT rpad(coalesce(substring(c.change ->> 'at' FROM '\.([0-9]+)Z$'), ''), 9, '0') AS digits) f
WHERE jsonb_typeof(v.view -> 'timeline') = 'array';

UPDATE snack_reaction_view SET view = view - 'timeline' WHERE view -> 'timeline' IS NOT NULL;
UPDATE read_model_snapshot SET view = view - 'timeline' WHERE read_model = 'snack-reactions' AND view -> 'timeline' IS NOT NULL;
