-- Command-owned: what a booking must respect about its space, written in the same transaction as the
-- space's registration and read by the slot aggregates (never the query side's views). A NULL price
-- means the option is not offered.
CREATE TABLE booking_space_terms (
    space_id       varchar(64)  PRIMARY KEY,
    host_id        varchar(64)  NOT NULL,
    min_count      integer      NOT NULL CHECK (min_count >= 1),
    max_count      integer      NOT NULL CHECK (max_count >= min_count),
    day_price      bigint       CHECK (day_price >= 0),
    night_price    bigint       CHECK (night_price >= 0),
    all_day_price  bigint       CHECK (all_day_price >= 0),
    CHECK (day_price IS NOT NULL OR night_price IS NOT NULL OR all_day_price IS NOT NULL)
);
