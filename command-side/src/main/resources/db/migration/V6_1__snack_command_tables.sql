-- Command-owned tables of the snacks context, written in the same transaction as the events whose
-- rules they guard; their keys are the last guard when requests race.

-- One row per registered snack: the unique name key, and the price orders copy into their lines.
CREATE TABLE snack_registry (
    snack_id  varchar(64)  PRIMARY KEY,
    name_key  varchar(400) NOT NULL UNIQUE,
    name      varchar(100) NOT NULL,
    price     bigint       NOT NULL CHECK (price >= 0),
    currency  char(3)      NOT NULL
);

-- Likes and hates per snack, kept for the rule that a disliked snack blocks approval and ordering.
-- Reactions update their row; an approval locks the rows of its snacks (FOR SHARE), so a reaction
-- either committed before the approval read it or waits until the approval is done.
CREATE TABLE snack_reaction_tally (
    snack_id  varchar(64) PRIMARY KEY REFERENCES snack_registry (snack_id),
    likes     integer     NOT NULL DEFAULT 0 CHECK (likes >= 0),
    hates     integer     NOT NULL DEFAULT 0 CHECK (hates >= 0)
);

-- A snack is "requested" while an order holding it has not shipped (CREATED, APPROVED, ORDERED):
-- the primary key lets exactly one open order hold a snack.
CREATE TABLE snack_open_request (
    snack_id  varchar(64) PRIMARY KEY REFERENCES snack_registry (snack_id),
    order_id  varchar(64) NOT NULL
);
CREATE INDEX snack_open_request_order ON snack_open_request (order_id);
