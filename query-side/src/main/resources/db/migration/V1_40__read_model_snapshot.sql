-- Views of per-aggregate read models stored every 50 events of an aggregate, so that "as of T" folds only
-- the events after the latest snapshot taken by T. recorded_at is the latest timestamp among the events
-- folded into the view (never decreasing along an aggregate's sequence). Each read model's rows are its own:
-- its projection writes them, its replays rebuild them.
CREATE TABLE read_model_snapshot (
    read_model    varchar(64)  NOT NULL,
    aggregate_id  varchar(255) NOT NULL,
    sequence      bigint       NOT NULL,
    recorded_at   timestamptz  NOT NULL,
    view          jsonb        NOT NULL,
    PRIMARY KEY (read_model, aggregate_id, sequence)
);
CREATE INDEX read_model_snapshot_recorded ON read_model_snapshot (read_model, aggregate_id, recorded_at, sequence);
