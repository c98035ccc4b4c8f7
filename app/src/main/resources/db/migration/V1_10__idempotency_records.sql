-- Responses to writes sent with an Idempotency-Key, kept for a day so that a repeat is answered without
-- running again. The truth is here (Redis only caches finished responses), so losing Redis never runs a
-- retried write twice. A row whose status is null is a request still running (or one whose node died:
-- it may be taken over once it expires).

CREATE TABLE idempotency_record (
    key_hash      varchar(64)   PRIMARY KEY,
    body_hash     varchar(64)   NOT NULL,
    status        integer,
    content_type  varchar(255),
    location      varchar(2048),
    body          bytea,
    expires_at    timestamptz   NOT NULL
);
CREATE INDEX idempotency_record_expiry ON idempotency_record (expires_at);
