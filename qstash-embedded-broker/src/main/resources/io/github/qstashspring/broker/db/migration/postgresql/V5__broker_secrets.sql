-- The broker's own secrets, generated once per database: the in-app broker's token and the seeds
-- of its signing keys (unless configured), and the key of the HMAC that redacted values are shown
-- as. Brokers sharing the database read the same values.
CREATE TABLE qs_secret (
    name         VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret_value VARCHAR(512) NOT NULL
);
