-- Log ids are drawn by the INSERT itself, one value per row (Hibernate's pooled blocks of 50 are no
-- longer used; values handed out before stay below the sequence's current value). Bodies are
-- BYTEA already.
ALTER SEQUENCE qs_log_seq INCREMENT BY 1;

-- A flow-control key's due messages are found through this index (key, state, due time) instead
-- of a walk over every due message of every key.
DROP INDEX qs_message_flow;
CREATE INDEX qs_message_flow ON qs_message (flow_control_key, state, next_delivery_at);
