-- Tracking tokens of the streaming processors, their dead-letter queue, and saga storage.

CREATE TABLE token_entry (
    processor_name  varchar(255) NOT NULL,
    segment         integer      NOT NULL,
    token           bytea,
    token_type      varchar(255),
    time_stamp      varchar(255),
    owner           varchar(255),
    PRIMARY KEY (processor_name, segment)
);

CREATE TABLE dead_letter_entry (
    dead_letter_identifier  varchar(255)  NOT NULL PRIMARY KEY,
    processing_group        varchar(255)  NOT NULL,
    sequence_identifier     varchar(255)  NOT NULL,
    sequence_index          bigint        NOT NULL,
    message_type            varchar(255)  NOT NULL,
    event_identifier        varchar(255)  NOT NULL,
    time_stamp              varchar(255)  NOT NULL,
    payload_type            varchar(255)  NOT NULL,
    payload_revision        varchar(255),
    payload                 bytea         NOT NULL,
    meta_data               bytea,
    type                    varchar(255),
    aggregate_identifier    varchar(255),
    sequence_number         bigint,
    token_type              varchar(255),
    token                   bytea,
    enqueued_at             varchar(255)  NOT NULL,
    last_touched            varchar(255),
    processing_started      varchar(255),
    cause_type              varchar(255),
    cause_message           varchar(1023),
    diagnostics             bytea,
    CONSTRAINT dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_group_sequence ON dead_letter_entry (processing_group, sequence_identifier);

CREATE TABLE saga_entry (
    saga_id          varchar(255) NOT NULL PRIMARY KEY,
    revision         varchar(255),
    saga_type        varchar(255),
    serialized_saga  bytea
);

CREATE TABLE association_value_entry (
    id                 bigserial    PRIMARY KEY,
    association_key    varchar(255) NOT NULL,
    association_value  varchar(255),
    saga_id            varchar(255) NOT NULL,
    saga_type          varchar(255)
);
CREATE INDEX association_value_entry_saga ON association_value_entry (saga_id, saga_type);
CREATE INDEX association_value_entry_value ON association_value_entry (saga_type, association_key, association_value);
