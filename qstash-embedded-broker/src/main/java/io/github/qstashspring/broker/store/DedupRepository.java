package io.github.qstashspring.broker.store;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Remembered deduplication keys. */
public interface DedupRepository extends JpaRepository<DedupEntity, String> {

    /**
     * Forgets the keys whose window ended.
     * @param now epoch milliseconds
     * @return how many were deleted
     */
    @Modifying
    @Query("delete from DedupEntity d where d.expiresAt <= :now")
    int deleteExpired(long now);

}
