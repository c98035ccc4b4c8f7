-- Axon's event store (JDBC engine) in snake_case; payloads are JSON bytes in bytea, never large objects.

CREATE SEQUENCE domain_event_entry_global_index_seq;

CREATE TABLE domain_event_entry (
    global_index          bigint       NOT NULL PRIMARY KEY,
    aggregate_identifier  varchar(255) NOT NULL,
    sequence_number       bigint       NOT NULL,
    type                  varchar(255),
    event_identifier      varchar(255) NOT NULL UNIQUE,
    meta_data             bytea,
    payload               bytea        NOT NULL,
    payload_revision      varchar(255),
    payload_type          varchar(255) NOT NULL,
    time_stamp            varchar(255) NOT NULL,
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);
ALTER SEQUENCE domain_event_entry_global_index_seq OWNED BY domain_event_entry.global_index;

-- The global index is taken only after the appending transaction holds a transaction id. The event
-- feed relies on this: once every transaction older than a probe has ended, no event below the
-- sequence value read by that probe can still appear (see docs/design.md, "The event feed").
CREATE FUNCTION domain_event_entry_assign_global_index() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_current_xact_id();
    NEW.global_index := nextval('domain_event_entry_global_index_seq');
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_global_index
    BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_assign_global_index();

CREATE TABLE snapshot_event_entry (
    aggregate_identifier  varchar(255) NOT NULL,
    sequence_number       bigint       NOT NULL,
    type                  varchar(255) NOT NULL,
    event_identifier      varchar(255) NOT NULL UNIQUE,
    meta_data             bytea,
    payload               bytea        NOT NULL,
    payload_revision      varchar(255),
    payload_type          varchar(255) NOT NULL,
    time_stamp            varchar(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);
