-- Bodies stored inline (VARBINARY, up to 1 GB) instead of in H2's separate LOB store: every BLOB
-- value costs an extra LOB map entry and a background clean-up, which made commits of 1 KiB
-- messages 2-3 times slower (docs/benchmarks.md).
ALTER TABLE qs_message ALTER COLUMN body SET DATA TYPE VARBINARY;
ALTER TABLE qs_message ALTER COLUMN response_body SET DATA TYPE VARBINARY;
ALTER TABLE qs_log ALTER COLUMN body SET DATA TYPE VARBINARY;
ALTER TABLE qs_log ALTER COLUMN response_body SET DATA TYPE VARBINARY;
ALTER TABLE qs_schedule ALTER COLUMN body SET DATA TYPE VARBINARY;

-- Log ids are drawn by the INSERT itself, one value per row (Hibernate's pooled blocks of 50 are no
-- longer used; values handed out before stay below the sequence's current value). H2 writes a
-- sequence to disk, in a commit of its own, whenever its cache of values runs out (every 32 values
-- by default): a cache of 1000 makes that rare. After a crash the cached values are skipped, never
-- handed out twice.
ALTER SEQUENCE qs_log_seq INCREMENT BY 1 CACHE 1000;
ALTER SEQUENCE qs_message_seq CACHE 1000;

-- A flow-control key's due messages are found through this index (key, state, due time) instead
-- of a walk over every due message of every key.
DROP INDEX qs_message_flow;
CREATE INDEX qs_message_flow ON qs_message (flow_control_key, state, next_delivery_at);
