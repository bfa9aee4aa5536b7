-- QStash embedded broker schema (PostgreSQL)

CREATE TABLE qs_message (
    id                       VARCHAR(64)  NOT NULL PRIMARY KEY,
    seq                      BIGINT       NOT NULL,
    state                    VARCHAR(16)  NOT NULL,
    next_delivery_at         BIGINT       NOT NULL,
    lease_until              BIGINT,
    cancel_requested         BOOLEAN      DEFAULT FALSE NOT NULL,
    url                      TEXT      NOT NULL,
    url_host                 VARCHAR(512),
    url_path                 TEXT,
    topic_name               VARCHAR(256),
    endpoint_name            VARCHAR(256),
    queue_name               VARCHAR(256),
    schedule_id              VARCHAR(256),
    method                   VARCHAR(16)  NOT NULL,
    headers                  TEXT,
    body                     BYTEA,
    max_retries              INT          NOT NULL,
    retried                  INT          NOT NULL,
    retry_delay_expression   VARCHAR(1024),
    timeout_ms               BIGINT,
    callback                 TEXT,
    callback_options         TEXT,
    failure_callback         TEXT,
    failure_callback_options TEXT,
    caller_ip                VARCHAR(64),
    labels                   TEXT,
    flow_control_key         VARCHAR(256),
    flow_parallelism         INT,
    flow_rate                INT,
    flow_period              BIGINT,
    redact                   VARCHAR(1024),
    not_before               BIGINT       NOT NULL,
    created_at               BIGINT       NOT NULL,
    dlq_id                   VARCHAR(64),
    dlq_seq                  BIGINT,
    response_status          INT,
    response_headers         TEXT,
    response_body            BYTEA
);
CREATE INDEX qs_message_due ON qs_message (state, next_delivery_at);
CREATE INDEX qs_message_queue ON qs_message (queue_name, state, seq);
CREATE UNIQUE INDEX qs_message_dlq_id ON qs_message (dlq_id);
CREATE INDEX qs_message_dlq_seq ON qs_message (dlq_seq);
CREATE SEQUENCE qs_message_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE qs_log (
    id                     BIGINT       NOT NULL PRIMARY KEY,
    log_time               BIGINT       NOT NULL,
    message_id             VARCHAR(64)  NOT NULL,
    state                  VARCHAR(32)  NOT NULL,
    error                  TEXT,
    next_delivery_time     BIGINT,
    url                    TEXT,
    url_host               VARCHAR(512),
    url_path               TEXT,
    topic_name             VARCHAR(256),
    endpoint_name          VARCHAR(256),
    schedule_id            VARCHAR(256),
    queue_name             VARCHAR(256),
    method                 VARCHAR(16),
    headers                TEXT,
    body                   BYTEA,
    response_status        INT,
    response_headers       TEXT,
    response_body          BYTEA,
    timeout_ms             BIGINT,
    callback               TEXT,
    failure_callback       TEXT,
    max_retries            INT,
    retry_delay_expression VARCHAR(1024),
    labels                 TEXT,
    caller_ip              VARCHAR(64),
    flow_control_key       VARCHAR(256)
);
CREATE INDEX qs_log_message ON qs_log (message_id);
CREATE INDEX qs_log_time ON qs_log (log_time);
CREATE SEQUENCE qs_log_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE qs_dedup (
    dedup_key  VARCHAR(512) NOT NULL PRIMARY KEY,
    message_id VARCHAR(64)  NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX qs_dedup_expiry ON qs_dedup (expires_at);

CREATE TABLE qs_queue (
    name        VARCHAR(256) NOT NULL PRIMARY KEY,
    parallelism INT          NOT NULL,
    paused      BOOLEAN      NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);

CREATE TABLE qs_signing_keys (
    id             INT          NOT NULL PRIMARY KEY,
    current_key    VARCHAR(256) NOT NULL,
    next_key       VARCHAR(256) NOT NULL,
    seeded_current VARCHAR(256) NOT NULL,
    seeded_next    VARCHAR(256) NOT NULL
);
