-- Read models of the spaces and bookings context; all rebuilt from events by their projections.

-- One row per space: the folded view plus what the space list filters and sorts on.
CREATE TABLE booking_space_view (
    aggregate_id   varchar(64)  PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    host_id        varchar(64)  NOT NULL,
    district_id    integer      NOT NULL,
    category_id    integer      NOT NULL,
    min_count      integer      NOT NULL,
    max_count      integer      NOT NULL,
    day_price      bigint,
    night_price    bigint,
    all_day_price  bigint,
    list_price     bigint       NOT NULL,
    likes          bigint       NOT NULL,
    registered_at  timestamptz  NOT NULL
);
CREATE INDEX booking_space_view_price ON booking_space_view (list_price, registered_at);
CREATE INDEX booking_space_view_likes ON booking_space_view (likes, registered_at);
CREATE INDEX booking_space_view_district ON booking_space_view (district_id);
CREATE INDEX booking_space_view_host ON booking_space_view (host_id);

-- One row per slot (space and date): its bookings, and which options are held by a live booking.
CREATE TABLE booking_slot_view (
    aggregate_id   varchar(128) PRIMARY KEY,
    view           jsonb        NOT NULL,
    last_sequence  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    space_id       varchar(64)  NOT NULL,
    slot_date      date         NOT NULL,
    day_taken      boolean      NOT NULL,
    night_taken    boolean      NOT NULL,
    all_day_taken  boolean      NOT NULL
);
CREATE UNIQUE INDEX booking_slot_view_space_date ON booking_slot_view (space_id, slot_date);

-- One row per booking, for the guest's and the host's booking lists.
CREATE TABLE booking_entry (
    booking_id     varchar(128) PRIMARY KEY,
    slot_id        varchar(128) NOT NULL,
    space_id       varchar(64)  NOT NULL,
    guest_id       varchar(64)  NOT NULL,
    host_id        varchar(64)  NOT NULL,
    slot_date      date         NOT NULL,
    option         varchar(16)  NOT NULL,
    status         varchar(16)  NOT NULL,
    placed_at      timestamptz  NOT NULL,
    last_sequence  bigint       NOT NULL,
    view           jsonb        NOT NULL
);
CREATE INDEX booking_entry_guest ON booking_entry (guest_id, placed_at DESC);
CREATE INDEX booking_entry_space ON booking_entry (space_id, slot_date);
