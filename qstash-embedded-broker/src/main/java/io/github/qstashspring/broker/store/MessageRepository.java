package io.github.qstashspring.broker.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Messages, pending and in the dead letter queue. */
public interface MessageRepository
        extends JpaRepository<MessageEntity, String>, JpaSpecificationExecutor<MessageEntity> {

    /**
     * Finds the dead letter queue entry with the given id.
     * @param dlqId the DLQ id
     * @return the entry
     */
    Optional<MessageEntity> findByDlqIdAndState(String dlqId, MessageState state);

    /**
     * Counts the messages of a queue in the given states.
     * @param queueName the queue
     * @param states the states
     * @return how many
     */
    long countByQueueNameAndStateIn(String queueName, Collection<MessageState> states);

    /**
     * The oldest message of a queue in a state.
     * @param queueName the queue
     * @param state the state
     * @return the oldest message, if any
     */
    Optional<MessageEntity> findFirstByQueueNameAndStateOrderBySeqAsc(String queueName, MessageState state);

    /**
     * Counts the messages of a queue in one state.
     * @param queueName the queue
     * @param state the state
     * @return how many
     */
    long countByQueueNameAndState(String queueName, MessageState state);

    /**
     * Counts the callbacks holding a queue's turn in one state.
     * @param turnQueue the queue
     * @param state the state
     * @return how many
     */
    long countByTurnQueueAndState(String turnQueue, MessageState state);

    /**
     * The oldest messages of a queue in a state.
     * @param queueName the queue
     * @param state the state
     * @param pageable how many
     * @return the oldest messages
     */
    List<MessageEntity> findByQueueNameAndStateOrderBySeqAsc(String queueName, MessageState state,
            org.springframework.data.domain.Pageable pageable);

}
