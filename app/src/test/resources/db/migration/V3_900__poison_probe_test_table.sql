-- Test-only read model of PoisonProbeProjection, which fails on purpose to exercise dead letters.
CREATE TABLE poison_probe (
    aggregate_id  varchar(64)  PRIMARY KEY,
    name          varchar(100) NOT NULL,
    last_sequence bigint       NOT NULL
);
