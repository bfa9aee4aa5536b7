-- Who holds a claim: the broker instance (one per broker run) that set a message ACTIVE. Only
-- meaningful while the message is ACTIVE.
ALTER TABLE qs_message ADD COLUMN claimed_by VARCHAR(64);

-- The live broker instances: each writes its heartbeat (the database's time, epoch milliseconds)
-- every few seconds; the claims of an instance whose heartbeat stopped are released by any other
-- instance, so that a crashed broker's in-flight messages are delivered again within seconds.
CREATE TABLE qs_instance (
    id           VARCHAR(64) NOT NULL PRIMARY KEY,
    started_at   BIGINT      NOT NULL,
    heartbeat_at BIGINT      NOT NULL
);
