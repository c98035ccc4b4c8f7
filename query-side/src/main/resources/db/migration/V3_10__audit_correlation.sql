-- Which events each request caused: one row per event, keyed like the event store (aggregate, sequence),
-- looked up by correlation id. The event store keeps metadata as bytea JSON, which no index can reach.
CREATE TABLE audit_correlation (
    aggregate_id     varchar(255) NOT NULL,
    sequence_number  bigint       NOT NULL,
    correlation_id   varchar(255) NOT NULL,
    PRIMARY KEY (aggregate_id, sequence_number)
);
CREATE INDEX audit_correlation_id ON audit_correlation (correlation_id);
