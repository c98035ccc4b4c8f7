-- Each change of a member's reaction to a snack, one row per event, from which the counts as of an instant are told.
-- The views kept them as a timeline in their JSON, rewritten whole at every change: the rows are taken from those
-- timelines (one entry per event, from the first), and the timelines dropped from the views and their snapshots.
CREATE TABLE snack_reaction_change (
    reaction_id  varchar(160) NOT NULL,
    sequence     bigint       NOT NULL,
    snack_id     varchar(64)  NOT NULL,
    account_id   varchar(64)  NOT NULL,
    reaction     varchar(8),
    at           timestamptz  NOT NULL,
    PRIMARY KEY (reaction_id, sequence)
);
CREATE INDEX snack_reaction_change_snack ON snack_reaction_change (snack_id, reaction_id, sequence);

INSERT INTO snack_reaction_change (reaction_id, sequence, snack_id, account_id, reaction, at)
SELECT v.aggregate_id, c.ordinality - 1, v.snack_id, v.account_id, c.change ->> 'reaction',
       CAST(c.change ->> 'at' AS timestamptz)
FROM snack_reaction_view v
CROSS JOIN LATERAL jsonb_array_elements(v.view -> 'timeline') WITH ORDINALITY AS c(change, ordinality)
WHERE jsonb_typeof(v.view -> 'timeline') = 'array';

UPDATE snack_reaction_view SET view = view - 'timeline' WHERE view -> 'timeline' IS NOT NULL;
UPDATE read_model_snapshot SET view = view - 'timeline' WHERE read_model = 'snack-reactions' AND view -> 'timeline' IS NOT NULL;
