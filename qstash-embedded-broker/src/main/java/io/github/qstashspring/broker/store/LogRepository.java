package io.github.qstashspring.broker.store;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Log entries (state changes of messages), as JPA reads them. */
interface LogRepository extends JpaRepository<LogEntity, Long>, JpaSpecificationExecutor<LogEntity> {

    /**
     * Deletes the entries older than a time.
     * @param time epoch milliseconds
     * @return how many were deleted
     */
    @Modifying
    @Query("delete from LogEntity l where l.time < :time")
    int deleteOlderThan(long time);

}
