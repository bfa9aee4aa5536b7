-- Schedules, URL groups and flow-control keys

CREATE TABLE qs_schedule (
    id               VARCHAR(256) NOT NULL PRIMARY KEY,
    cron             VARCHAR(256) NOT NULL,
    destination      VARCHAR           NOT NULL,
    queue_name       VARCHAR(256),
    request_headers  VARCHAR           NOT NULL,
    body             BLOB,
    caller_ip        VARCHAR(64),
    paused           BOOLEAN      NOT NULL,
    created_at       BIGINT       NOT NULL,
    next_tick_at     BIGINT       NOT NULL,
    last_tick_at     BIGINT,
    last_message_ids VARCHAR,
    last_error       VARCHAR
);
CREATE INDEX qs_schedule_due ON qs_schedule (next_tick_at);

CREATE TABLE qs_url_group (
    name       VARCHAR(256) NOT NULL PRIMARY KEY,
    endpoints  VARCHAR           NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);

CREATE TABLE qs_flow_key (
    flow_key          VARCHAR(256) NOT NULL PRIMARY KEY,
    parallelism       INT,
    rate              INT,
    period_seconds    BIGINT       NOT NULL,
    pinned_parallelism BOOLEAN     NOT NULL,
    pinned_rate       BOOLEAN      NOT NULL,
    paused            BOOLEAN      NOT NULL,
    period_start      BIGINT       NOT NULL,
    rate_count        INT          NOT NULL
);
CREATE INDEX qs_message_flow ON qs_message (flow_control_key, state);

-- A callback of a queue message holds the queue's turn until it is delivered or failed.
ALTER TABLE qs_message ADD COLUMN turn_queue VARCHAR(256);
CREATE INDEX qs_message_turn_queue ON qs_message (turn_queue, state);
