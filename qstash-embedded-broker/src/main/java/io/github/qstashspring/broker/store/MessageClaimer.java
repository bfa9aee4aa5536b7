package io.github.qstashspring.broker.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dispatcher's hot-path statements: claiming due messages under a lease and releasing
 * expired leases. PostgreSQL claims with {@code FOR UPDATE SKIP LOCKED}, so several
 * brokers may share a database; H2 claims with a conditional
 * {@code UPDATE ... WHERE id = ? AND state = 'PENDING'} (its {@code SKIP LOCKED} with
 * {@code LIMIT} locks the whole backlog). Queries order by
 * {@code state, next_delivery_at} so H2 uses the {@code (state, next_delivery_at)} index.
 * Messages with a flow-control key are left to {@link FlowKeyRows}, which starts them
 * under their key's limits. Callers run these inside a transaction.
 */
final class MessageClaimer {

    private static final String SELECT_DUE = "SELECT id FROM qs_message WHERE state = 'PENDING' AND next_delivery_at <= ?"
            + " AND flow_control_key IS NULL ORDER BY state, next_delivery_at LIMIT ?";

    // The conditions on other columns sit in a CASE so that no index but the primary key
    // matches
    // them: H2 plans a statement when it is first prepared (on an empty table, at start)
    // and keeps
    // the plan, and on an empty table it preferred the (state, next_delivery_at) index,
    // walking
    // every due message for each claimed id once a backlog had built up.
    static final String CLAIM_ONE = "UPDATE qs_message SET state = 'ACTIVE', lease_until = ?, claimed_by = ? WHERE id = ?"
            + " AND CASE WHEN state = 'PENDING' AND next_delivery_at <= ? AND flow_control_key IS NULL THEN TRUE ELSE FALSE END";

    static final String RELEASE_EXPIRED = "UPDATE qs_message SET state = 'PENDING', lease_until = NULL,"
            + " claimed_by = NULL, next_delivery_at = ? WHERE id = ? AND CASE WHEN state = 'ACTIVE' AND lease_until < ? THEN TRUE ELSE FALSE END";

    private static final String CLAIM_DUE_POSTGRES = "UPDATE qs_message SET state = 'ACTIVE', lease_until = ?, claimed_by = ? WHERE id IN ("
            + SELECT_DUE + " FOR UPDATE SKIP LOCKED) RETURNING id";

    private final JdbcTemplate jdbc;

    private final BrokerDatabase database;

    private final String owner;

    /**
     * Creates a claimer on the broker's database.
     * @param jdbc the broker's JDBC template
     * @param database which database it is
     * @param owner the instance id its claims carry
     */
    MessageClaimer(JdbcTemplate jdbc, BrokerDatabase database, String owner) {
        this.jdbc = jdbc;
        this.database = database;
        this.owner = owner;
    }

    /**
     * Claims up to {@code limit} messages due at {@code now}, oldest due first.
     * @param now epoch milliseconds
     * @param leaseUntil when the claim expires (epoch milliseconds)
     * @param limit the most messages to claim
     * @return the ids of the claimed messages
     */
    List<String> claimDue(long now, long leaseUntil, int limit, Collection<String> leftOutHosts) {
        if (limit <= 0) {
            return List.of();
        }
        String select = SELECT_DUE;
        List<Object> args = new ArrayList<>(List.of(now));
        if (!leftOutHosts.isEmpty()) {
            // Rare (a destination host holds its share of the delivery slots): the usual
            // statement stays the same.
            select = select.replace(" ORDER BY", " AND (url_host IS NULL OR url_host NOT IN ("
                    + String.join(", ", Collections.nCopies(leftOutHosts.size(), "?")) + ")) ORDER BY");
            args.addAll(leftOutHosts);
        }
        args.add(limit);
        if (this.database.isPostgres()) {
            args.add(0, this.owner);
            args.add(0, leaseUntil);
            return this.jdbc.queryForList(CLAIM_DUE_POSTGRES.replace(SELECT_DUE, select), String.class, args.toArray());
        }
        List<String> due = this.jdbc.queryForList(select, String.class, args.toArray());
        return claimIds(due, now, leaseUntil);
    }

    /**
     * Gives up claims made in the same transaction: the messages are pending again.
     * @param ids the ids
     */
    void unclaim(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(ids.size());
        for (String id : ids) {
            args.add(new Object[] { id });
        }
        this.jdbc.batchUpdate("UPDATE qs_message SET state = 'PENDING', lease_until = NULL, claimed_by = NULL"
                + " WHERE id = ? AND CASE WHEN state = 'ACTIVE' THEN TRUE ELSE FALSE END", args);
    }

    /**
     * Claims the given messages if they are still pending and due (the in-memory hand-off
     * path).
     * @param ids candidate message ids
     * @param now epoch milliseconds
     * @param leaseUntil when the claim expires
     * @return the ids actually claimed
     */
    List<String> claimIds(Collection<String> ids, long now, long leaseUntil) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> ordered = new ArrayList<>(ids);
        List<Object[]> args = new ArrayList<>(ordered.size());
        for (String id : ordered) {
            args.add(new Object[] { leaseUntil, this.owner, id, now });
        }
        int[] counts = this.jdbc.batchUpdate(CLAIM_ONE, args);
        List<String> claimed = new ArrayList<>(ordered.size());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                claimed.add(ordered.get(i));
            }
        }
        return claimed;
    }

    /**
     * Finds claimed messages whose lease expired and that no live instance but this one
     * holds: claims of this instance (the caller leaves out those it is delivering), of
     * instances no longer registered, or without an owner (made before owners were
     * recorded). A live instance's claims are its own to finish or release.
     * @param now epoch milliseconds
     * @param limit the most ids to return
     * @return the ids
     */
    List<String> expiredLeases(long now, int limit) {
        return this.jdbc.queryForList("SELECT id FROM qs_message WHERE state = 'ACTIVE' AND lease_until < ?"
                + " AND (claimed_by IS NULL OR claimed_by = ? OR claimed_by NOT IN (SELECT id FROM qs_instance))"
                + " LIMIT ?", String.class, now, this.owner, limit);
    }

    /**
     * Makes messages whose lease expired pending again, due at once.
     * @param ids the ids (from {@link #expiredLeases})
     * @param now epoch milliseconds
     * @return how many were released
     */
    int releaseExpired(Collection<String> ids, long now) {
        List<Object[]> args = new ArrayList<>(ids.size());
        for (String id : ids) {
            args.add(new Object[] { now, id, now });
        }
        int released = 0;
        for (int count : this.jdbc.batchUpdate(RELEASE_EXPIRED, args)) {
            released += Math.max(count, 0);
        }
        return released;
    }

    /**
     * Draws the next value of the arrival sequence.
     * @return the next value
     */
    long nextSeq() {
        Long value = this.jdbc.queryForObject(this.database.isPostgres() ? "SELECT nextval('qs_message_seq')"
                : "SELECT NEXT VALUE FOR qs_message_seq", Long.class);
        return (value != null) ? value : 0;
    }

}
