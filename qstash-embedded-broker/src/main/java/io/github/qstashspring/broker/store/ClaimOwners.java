package io.github.qstashspring.broker.store;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The owners of claims: this broker run's instance id, which every claim it makes carries
 * ({@code qs_message.claimed_by}), and the heartbeats of the instances sharing the
 * database ({@code qs_instance}, written on the database's clock). An instance is dead
 * when its heartbeat is older than the silence the caller allows, or, for a database this
 * broker opened alone (an H2 file, which one process holds), when it registered before
 * this one; a dead instance's claims are released (the messages become pending, due as
 * before) and its row is removed. Callers run these inside a transaction.
 */
final class ClaimOwners {

    private static final String RELEASE_OF = "UPDATE qs_message SET state = 'PENDING', lease_until = NULL,"
            + " claimed_by = NULL WHERE state = 'ACTIVE' AND claimed_by = ?";

    private final JdbcTemplate jdbc;

    private final BrokerDatabase database;

    private final String id = "inst_" + UUID.randomUUID().toString().replace("-", "");

    ClaimOwners(JdbcTemplate jdbc, BrokerDatabase database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /**
     * @return this broker run's instance id
     */
    String id() {
        return this.id;
    }

    /**
     * Registers this instance. On a database this broker opened alone, every instance
     * registered before is dead, and so is any claim (one without an owner included).
     * @return how many claims were released
     */
    int join() {
        int released = 0;
        if (this.database.isOpenedAlone()) {
            released = this.jdbc.update("UPDATE qs_message SET state = 'PENDING', lease_until = NULL,"
                    + " claimed_by = NULL WHERE state = 'ACTIVE'");
            this.jdbc.update("DELETE FROM qs_instance");
        }
        insert();
        return released;
    }

    /**
     * Writes this instance's heartbeat.
     * @return {@code false} when the instance was no longer registered (another one took
     * it for dead and released its claims); it is registered again
     */
    boolean heartbeat() {
        if (this.jdbc.update("UPDATE qs_instance SET heartbeat_at = " + this.database.currentMillis() + " WHERE id = ?",
                this.id) == 1) {
            return true;
        }
        insert();
        return false;
    }

    /**
     * Releases the claims of the instances whose heartbeat is older than {@code silence}
     * and forgets them.
     * @param silence how long an instance may go without a heartbeat
     * @return how many claims were released
     */
    int releaseDead(Duration silence) {
        List<String> dead = this.jdbc.queryForList(
                "SELECT id FROM qs_instance WHERE id <> ? AND heartbeat_at < " + this.database.currentMillis() + " - ?",
                String.class, this.id, silence.toMillis());
        int released = 0;
        for (String instance : dead) {
            released += this.jdbc.update(RELEASE_OF, instance);
            this.jdbc.update("DELETE FROM qs_instance WHERE id = ?", instance);
        }
        return released;
    }

    /**
     * Releases this instance's remaining claims and deregisters it (a clean stop).
     * @return how many claims were released
     */
    int leave() {
        int released = this.jdbc.update(RELEASE_OF, this.id);
        this.jdbc.update("DELETE FROM qs_instance WHERE id = ?", this.id);
        return released;
    }

    private void insert() {
        String now = this.database.currentMillis();
        this.jdbc.update("INSERT INTO qs_instance (id, started_at, heartbeat_at) VALUES (?, " + now + ", " + now + ")",
                this.id);
    }

}
