-- Upstash Workflow: runs, their step history, the waiters of waitForEvent and the run-scoped
-- notifications (notify and webhook calls) stored until a waiter of the run asks for them.

-- One workflow run. config holds what the trigger configured and later messages of the run inherit
-- (retries, retry delay, flow control, failure callback), forwarded_headers the trigger's
-- Upstash-Forward-* headers added to every delivery to the workflow URL; both JSON.
CREATE TABLE qs_workflow_run (
    run_id             VARCHAR(256) NOT NULL PRIMARY KEY,
    url                VARCHAR      NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    created_at         BIGINT       NOT NULL,
    completed_at       BIGINT,
    entry_count        INT          NOT NULL,
    awaiting_sdk       BOOLEAN      NOT NULL,
    caller_ip          VARCHAR(64),
    labels             VARCHAR,
    config             VARCHAR      NOT NULL,
    forwarded_headers  VARCHAR      NOT NULL,
    initial_body       BYTEA,
    response_body      BYTEA,
    invoker            VARCHAR,
    dlq_id             VARCHAR(64),
    error              VARCHAR,
    failure_message_id VARCHAR(64),
    failure_state      VARCHAR(32)
);
CREATE INDEX qs_workflow_run_created ON qs_workflow_run (created_at);
CREATE INDEX qs_workflow_run_state ON qs_workflow_run (state);

-- The history of a run in append order: position 0 is the initial payload.
CREATE TABLE qs_workflow_entry (
    run_id     VARCHAR(256) NOT NULL,
    position   INT          NOT NULL,
    message_id VARCHAR(64)  NOT NULL,
    call_type  VARCHAR(32)  NOT NULL,
    body       BYTEA,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (run_id, position)
);
CREATE INDEX qs_workflow_entry_message ON qs_workflow_entry (message_id);

CREATE TABLE qs_workflow_waiter (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    run_id          VARCHAR(256) NOT NULL,
    event_id        VARCHAR(512) NOT NULL,
    url             VARCHAR      NOT NULL,
    headers         VARCHAR      NOT NULL,
    timeout         VARCHAR(64),
    deadline        BIGINT       NOT NULL,
    timeout_url     VARCHAR,
    timeout_headers VARCHAR      NOT NULL,
    timeout_body    BYTEA,
    step            VARCHAR      NOT NULL,
    created_at      BIGINT       NOT NULL
);
CREATE INDEX qs_workflow_waiter_event ON qs_workflow_waiter (event_id);
CREATE INDEX qs_workflow_waiter_run ON qs_workflow_waiter (run_id);
CREATE INDEX qs_workflow_waiter_deadline ON qs_workflow_waiter (deadline);

CREATE TABLE qs_workflow_notification (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    run_id     VARCHAR(256) NOT NULL,
    event_id   VARCHAR(512) NOT NULL,
    body       BYTEA,
    created_at BIGINT       NOT NULL
);
CREATE INDEX qs_workflow_notification_run ON qs_workflow_notification (run_id, event_id);
