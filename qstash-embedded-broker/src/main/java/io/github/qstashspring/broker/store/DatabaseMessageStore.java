package io.github.qstashspring.broker.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import io.github.qstashspring.broker.store.StoredMessage.State;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link MessageStore} on the broker's database: JDBC on the hot paths (batched
 * inserts, claims, loading claimed messages, deleting delivered ones), JPA for the
 * listings and the changes of single messages.
 */
final class DatabaseMessageStore implements MessageStore {

    private final MessageRepository messages;

    private final LogRepository logs;

    private final MessageRows rows;

    private final BatchedWrites writes;

    private final MessageClaimer claimer;

    private final QueueTurns turns;

    private final DedupRows dedup;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final ClaimOwners owners;

    DatabaseMessageStore(MessageRepository messages, LogRepository logs, QueueTurns turns, BrokerDatabase database,
            JdbcTemplate jdbc, TransactionTemplate transactions, ClaimOwners owners) {
        this.messages = messages;
        this.logs = logs;
        this.turns = turns;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.owners = owners;
        this.rows = new MessageRows(jdbc, database, owners.id());
        this.writes = new BatchedWrites(this.rows, new LogRows(jdbc, database));
        this.claimer = new MessageClaimer(jdbc, database, owners.id());
        this.dedup = new DedupRows(jdbc);
    }

    @Override
    public void insert(StoredMessage message) {
        this.writes.insert(message);
    }

    @Override
    public void insertNow(StoredMessage message) {
        this.rows.insert(List.of(message));
    }

    @Override
    public State enterQueue(String queueName, long now) {
        return this.turns.enter(queueName, now);
    }

    @Override
    public List<StoredMessage> passOnTurns(String queueName, long now) {
        return this.turns.passOn(queueName, now).stream().map(MessageEntity::toMessage).toList();
    }

    @Override
    public long queueLag(String queueName) {
        return this.turns.lag(queueName);
    }

    @Override
    public List<StoredMessage> waitingInQueue(String queueName, int limit) {
        return this.messages.oldestOfQueue(queueName, State.QUEUED, PageRequest.of(0, limit))
            .stream()
            .map(MessageEntity::toMessage)
            .toList();
    }

    @Override
    public Optional<String> deduplicated(String key, long now) {
        return this.dedup.find(key, now);
    }

    @Override
    public void rememberDeduplication(String key, String messageId, long expiresAt, long now) {
        this.dedup.insert(key, messageId, expiresAt, now);
    }

    @Override
    public long nextSeq() {
        return this.claimer.nextSeq();
    }

    @Override
    public Optional<StoredMessage> find(String id) {
        return this.messages.findById(id).map(MessageEntity::toMessage);
    }

    @Override
    public List<StoredMessage> findAll(Collection<String> ids) {
        return this.messages.findAllById(ids).stream().map(MessageEntity::toMessage).toList();
    }

    @Override
    public List<StoredMessage> loadClaimed(Collection<String> ids) {
        return this.rows.findAll(ids);
    }

    @Override
    public List<StoredMessage> list(Filter filter, Collection<State> states) {
        return this.messages
            .findBy(FilterSpecifications.messages(filter, states), (query) -> query.sortBy(Sort.by("seq")).all())
            .stream()
            .map(MessageEntity::toMessage)
            .toList();
    }

    @Override
    public Page<StoredMessage> deadLetters(Filter filter, @Nullable Long afterDlqSeq, @Nullable Integer limit) {
        Specification<MessageEntity> spec = FilterSpecifications.messages(filter, List.of(State.FAILED));
        if (afterDlqSeq != null) {
            spec = spec.and((root, query, cb) -> cb.greaterThan(root.get("dlqSeq"), afterDlqSeq));
        }
        List<StoredMessage> found = this.messages.findBy(spec, (query) -> {
            var sorted = query.sortBy(Sort.by("dlqSeq"));
            return (limit != null) ? sorted.limit(limit + 1).all() : sorted.all();
        }).stream().map(MessageEntity::toMessage).toList();
        return (limit != null) ? page(found, limit, (message) -> dlqSeqOf(message)) : new Page<>(found, null);
    }

    private static String dlqSeqOf(StoredMessage message) {
        return (message.deadLetter() != null) ? String.valueOf(message.deadLetter().dlqSeq()) : "";
    }

    @Override
    public Optional<StoredMessage> deadLetter(String dlqId) {
        return this.messages.findByDlqIdAndState(dlqId, State.FAILED).map(MessageEntity::toMessage);
    }

    @Override
    public long count(State state) {
        return this.messages.countByState(state);
    }

    @Override
    public List<LogCount> countLogs(long from, long to, long bucketMillis) {
        return this.jdbc.query(
                "SELECT bucket, state, COUNT(*) FROM (SELECT (log_time - ?) / ? AS bucket, state "
                        + "FROM qs_log WHERE log_time >= ? AND log_time < ?) buckets GROUP BY bucket, state",
                (row, index) -> new LogCount(row.getString(2), from + row.getLong(1) * bucketMillis, row.getLong(3)),
                from, bucketMillis, from, to);
    }

    @Override
    public List<String> claimDue(long now, long leaseUntil, int limit, Collection<String> leftOutHosts) {
        return this.claimer.claimDue(now, leaseUntil, limit, leftOutHosts);
    }

    @Override
    public void unclaim(Collection<String> ids) {
        this.claimer.unclaim(ids);
    }

    @Override
    public long countUpTo(State state, int bound) {
        Long count = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM (SELECT 1 FROM qs_message WHERE state = ? LIMIT ?) bounded", Long.class,
                state.name(), bound);
        return (count != null) ? count : 0;
    }

    @Override
    public OptionalLong oldestDue(long now) {
        Long due = this.jdbc.queryForObject(
                "SELECT MIN(next_delivery_at) FROM qs_message WHERE state = 'PENDING' AND next_delivery_at <= ?",
                Long.class, now);
        return (due != null) ? OptionalLong.of(due) : OptionalLong.empty();
    }

    @Override
    public List<String> claimIds(Collection<String> ids, long now, long leaseUntil) {
        return this.claimer.claimIds(ids, now, leaseUntil);
    }

    @Override
    public List<String> expiredClaims(long now, int limit) {
        return this.claimer.expiredLeases(now, limit);
    }

    @Override
    public int releaseExpiredClaims(Collection<String> ids, long now) {
        return this.claimer.releaseExpired(ids, now);
    }

    @Override
    public int joinInstances() {
        return this.owners.join();
    }

    @Override
    public boolean heartbeat() {
        return this.owners.heartbeat();
    }

    @Override
    public int releaseClaimsOfDeadInstances(Duration silence) {
        return this.owners.releaseDead(silence);
    }

    @Override
    public int leaveInstances() {
        return this.owners.leave();
    }

    @Override
    public boolean[] deleteDelivered(List<StoredMessage> claimed) {
        return this.rows.deleteClaimed(claimed);
    }

    @Override
    public void requestCancel(String id) {
        // One conditional statement: the attempt may end (and its outcome delete the row)
        // at any moment, and a message no longer being delivered needs no mark.
        this.jdbc.update("UPDATE qs_message SET cancel_requested = TRUE WHERE id = ? AND state = 'ACTIVE'", id);
    }

    @Override
    public void delete(String id) {
        // Gone already (delivered by a concurrent outcome) is as good as deleted.
        this.jdbc.update("DELETE FROM qs_message WHERE id = ?", id);
    }

    @Override
    public void deleteAll(Collection<String> ids) {
        this.messages.deleteAllById(ids);
        this.messages.flush();
    }

    @Override
    public void scheduleRetry(StoredMessage message) {
        this.messages.findById(message.id()).ifPresent((entity) -> entity.retry(message));
    }

    @Override
    public void moveToDeadLetters(StoredMessage message) {
        this.messages.findById(message.id()).ifPresent((entity) -> entity.fail(message));
    }

    @Override
    public void deleteMessageData() {
        this.transactions.executeWithoutResult((status) -> {
            for (String table : List.of("qs_message", "qs_log", "qs_dedup", "qs_workflow_entry", "qs_workflow_run",
                    "qs_workflow_waiter", "qs_workflow_notification")) {
                this.jdbc.update("DELETE FROM " + table);
            }
        });
    }

    @Override
    public void log(StoredMessage message, String state, long time) {
        this.writes.insert(new LogEntry(0, time, message.id(), state, null,
                state.equals("RETRY") ? message.nextDeliveryAt() : null, message.envelope(), Map.of(), null, null,
                Map.of(), null));
    }

    @Override
    public void logCreated(StoredMessage message, Map<String, List<String>> headers, byte[] body, long time) {
        this.writes.insert(new LogEntry(0, time, message.id(), "CREATED", null, null, message.envelope(), headers, body,
                null, Map.of(), null));
    }

    @Override
    public void logError(StoredMessage message, long time, @Nullable Integer status, Map<String, List<String>> headers,
            byte @Nullable [] body, String error) {
        this.writes.insert(new LogEntry(0, time, message.id(), "ERROR", error, null, message.envelope(), Map.of(), null,
                status, headers, body));
    }

    @Override
    public Page<LogEntry> logs(Filter filter, @Nullable Long beforeId, int limit) {
        Specification<LogEntity> spec = FilterSpecifications.logs(filter);
        if (beforeId != null) {
            spec = spec.and((root, query, cb) -> cb.lessThan(root.get("id"), beforeId));
        }
        List<LogEntry> found = this.logs
            .findBy(spec, (query) -> query.sortBy(Sort.by(Sort.Direction.DESC, "id")).limit(limit + 1).all())
            .stream()
            .map(LogEntity::toEntry)
            .toList();
        return page(found, limit, (entry) -> String.valueOf(entry.id()));
    }

    @Override
    public int deleteLogsBefore(long time) {
        return this.logs.deleteOlderThan(time);
    }

    @Override
    public int deleteExpiredDeduplications(long now) {
        return this.dedup.deleteExpired(now);
    }

    private static <T> Page<T> page(List<T> found, int limit, Function<T, String> cursorOf) {
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        List<T> items = found.subList(0, limit);
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
    }

}
