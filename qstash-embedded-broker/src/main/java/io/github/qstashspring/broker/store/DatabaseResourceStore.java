package io.github.qstashspring.broker.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The {@link ResourceStore} on the broker's database: schedules, URL groups and
 * flow-control keys and the broker's secrets with JDBC, queues and the signing keys with
 * JPA.
 */
final class DatabaseResourceStore implements ResourceStore {

    private final ScheduleRows schedules;

    private final UrlGroupRows urlGroups;

    private final FlowKeyRows flowKeys;

    private final QueueRepository queues;

    private final QueueTurns turns;

    private final SigningKeysRepository signingKeys;

    private final SecretRows secrets;

    DatabaseResourceStore(JdbcTemplate jdbc, QueueRepository queues, QueueTurns turns,
            SigningKeysRepository signingKeys, ClaimOwners owners, TransactionOperations transactions) {
        this.schedules = new ScheduleRows(jdbc);
        this.urlGroups = new UrlGroupRows(jdbc);
        this.flowKeys = new FlowKeyRows(jdbc, owners.id());
        this.queues = queues;
        this.turns = turns;
        this.signingKeys = signingKeys;
        this.secrets = new SecretRows(jdbc, transactions);
    }

    @Override
    public String newScheduleId() {
        return "scd_" + Ids.random(24);
    }

    @Override
    public void upsertSchedule(Schedule schedule) {
        this.schedules.upsert(schedule);
    }

    @Override
    public Optional<Schedule> findSchedule(String id) {
        return this.schedules.find(id);
    }

    @Override
    public List<Schedule> listSchedules() {
        return this.schedules.list();
    }

    @Override
    public List<Schedule> dueSchedules(long now, int limit) {
        return this.schedules.due(now, limit);
    }

    @Override
    public @Nullable Long earliestTick() {
        return this.schedules.earliestTick();
    }

    @Override
    public boolean claimTick(String id, long expectedTick, long nextTick, long now) {
        return this.schedules.claimTick(id, expectedTick, nextTick, now);
    }

    @Override
    public void recordTick(String id, List<String> messageIds, @Nullable String error) {
        this.schedules.recordTick(id, messageIds, error);
    }

    @Override
    public boolean pauseSchedule(String id, boolean paused) {
        return this.schedules.setPaused(id, paused);
    }

    @Override
    public boolean deleteSchedule(String id) {
        return this.schedules.delete(id);
    }

    @Override
    public Optional<UrlGroup> findUrlGroup(String name) {
        return this.urlGroups.find(name);
    }

    @Override
    public Optional<UrlGroup> lockUrlGroup(String name) {
        return this.urlGroups.lock(name);
    }

    @Override
    public List<UrlGroup> listUrlGroups() {
        return this.urlGroups.list();
    }

    @Override
    public void insertUrlGroup(UrlGroup group) {
        this.urlGroups.insert(group);
    }

    @Override
    public void updateUrlGroup(UrlGroup group) {
        this.urlGroups.update(group);
    }

    @Override
    public boolean deleteUrlGroup(String name) {
        return this.urlGroups.delete(name);
    }

    @Override
    public Queue lockQueue(String name, long now) {
        return queue(this.turns.lock(name, now));
    }

    @Override
    public Optional<Queue> findQueue(String name) {
        return this.queues.findById(name).map(DatabaseResourceStore::queue);
    }

    @Override
    public List<Queue> listQueues() {
        return this.queues.findAll()
            .stream()
            .map(DatabaseResourceStore::queue)
            .sorted(Comparator.comparing(Queue::name))
            .toList();
    }

    @Override
    public void updateQueue(Queue queue) {
        this.queues.findById(queue.name()).ifPresent((entity) -> {
            entity.setParallelism(queue.parallelism());
            entity.setPaused(queue.paused());
            entity.setUpdatedAt(queue.updatedAt());
            this.queues.saveAndFlush(entity);
        });
    }

    @Override
    public void deleteQueue(String name) {
        this.queues.deleteById(name);
    }

    private static Queue queue(QueueEntity entity) {
        return new Queue(entity.getName(), entity.getParallelism(), entity.isPaused(), entity.getCreatedAt(),
                entity.getUpdatedAt());
    }

    @Override
    public Optional<FlowKey> lockFlowKey(String key) {
        return this.flowKeys.lock(key);
    }

    @Override
    public Optional<FlowKey> findFlowKey(String key) {
        return this.flowKeys.find(key);
    }

    @Override
    public List<FlowKey> listFlowKeys(@Nullable String search) {
        return this.flowKeys.list(search);
    }

    @Override
    public void insertFlowKey(FlowKey key) {
        this.flowKeys.insert(key);
    }

    @Override
    public void updateFlowKey(FlowKey key) {
        this.flowKeys.update(key);
    }

    @Override
    public List<String> keysWithDueMessages(long now) {
        return this.flowKeys.keysWithDueMessages(now);
    }

    @Override
    public int countMessagesOfKey(String key, StoredMessage.State state) {
        return this.flowKeys.count(key, state.name());
    }

    @Override
    public int countActiveMessages() {
        return this.flowKeys.countActive();
    }

    @Override
    public List<String> claimMessagesOfKey(String key, long now, long leaseUntil, int limit) {
        return this.flowKeys.claim(key, now, leaseUntil, limit);
    }

    @Override
    public SigningKeyPair seedSigningKeys(String configuredCurrent, String configuredNext) {
        SigningKeysEntity keys = this.signingKeys.findById(SigningKeysEntity.SINGLETON_ID)
            .orElseGet(SigningKeysEntity::new);
        if (!configuredCurrent.equals(keys.getSeededCurrent()) || !configuredNext.equals(keys.getSeededNext())) {
            keys.setCurrentKey(configuredCurrent);
            keys.setNextKey(configuredNext);
            keys.setSeededCurrent(configuredCurrent);
            keys.setSeededNext(configuredNext);
            this.signingKeys.save(keys);
        }
        return pair(keys);
    }

    @Override
    public SigningKeyPair rotateSigningKeys() {
        SigningKeysEntity keys = this.signingKeys.findById(SigningKeysEntity.SINGLETON_ID).orElseThrow();
        keys.setCurrentKey(keys.getNextKey());
        keys.setNextKey(Ids.signingKey());
        return pair(keys);
    }

    @Override
    public Optional<SigningKeyPair> findSigningKeys() {
        return this.signingKeys.findById(SigningKeysEntity.SINGLETON_ID).map(DatabaseResourceStore::pair);
    }

    @Override
    public String newSigningKey() {
        return Ids.signingKey();
    }

    @Override
    public String secret(String name, Supplier<String> generator) {
        return this.secrets.secret(name, generator);
    }

    private static SigningKeyPair pair(SigningKeysEntity keys) {
        return new SigningKeyPair(keys.getCurrentKey(), keys.getNextKey());
    }

}
