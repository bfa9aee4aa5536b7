package io.github.qstashspring.broker.store;

import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** FIFO queues. */
interface QueueRepository extends JpaRepository<QueueEntity, String> {

    /**
     * Reads a queue and locks its row until the transaction ends
     * ({@code SELECT ... FOR UPDATE}).
     * @param name the queue name
     * @return the locked queue, if it exists
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select q from QueueEntity q where q.name = :name")
    Optional<QueueEntity> lockByName(String name);

}
