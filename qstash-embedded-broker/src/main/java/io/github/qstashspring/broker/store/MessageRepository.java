package io.github.qstashspring.broker.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.github.qstashspring.broker.store.StoredMessage.State;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/** Messages, pending and in the dead letter queue, as JPA reads and changes them. */
interface MessageRepository extends JpaRepository<MessageEntity, String>, JpaSpecificationExecutor<MessageEntity> {

    /**
     * Finds the dead letter queue entry with the given id.
     * @param dlqId the DLQ id
     * @param state the state ({@code FAILED})
     * @return the entry
     */
    Optional<MessageEntity> findByDlqIdAndState(String dlqId, State state);

    /**
     * Counts the messages of a queue in one state.
     * @param queueName the queue
     * @param state the state
     * @return how many
     */
    @Query("select count(m) from MessageEntity m where m.envelope.queueName = :queueName and m.state = :state")
    long countOfQueue(String queueName, State state);

    /**
     * Counts the messages of a queue in some states.
     * @param queueName the queue
     * @param states the states
     * @return how many
     */
    @Query("select count(m) from MessageEntity m where m.envelope.queueName = :queueName and m.state in :states")
    long countOfQueueIn(String queueName, Collection<State> states);

    /**
     * Counts the callbacks holding a queue's turn in one state.
     * @param turnQueue the queue
     * @param state the state
     * @return how many
     */
    long countByTurnQueueAndState(String turnQueue, State state);

    /**
     * The oldest messages of a queue in a state.
     * @param queueName the queue
     * @param state the state
     * @param pageable how many
     * @return the oldest messages
     */
    @Query("select m from MessageEntity m where m.envelope.queueName = :queueName and m.state = :state"
            + " order by m.seq asc")
    List<MessageEntity> oldestOfQueue(String queueName, State state, Pageable pageable);

    /**
     * Counts the messages in a state.
     * @param state the state
     * @return how many
     */
    long countByState(State state);

}
