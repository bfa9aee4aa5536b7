package io.github.qstashspring.broker.message;

import java.util.List;

import io.github.qstashspring.broker.store.LogEntity;
import io.github.qstashspring.broker.store.LogRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pages through log entries, newest first. The cursor is the id of the last entry
 * returned.
 */
public class LogQuery {

    private final TransactionTemplate transactions;

    private final LogRepository logs;

    /**
     * Creates the query.
     * @param transactions the broker's transactions
     * @param logs the log repository
     */
    public LogQuery(TransactionTemplate transactions, LogRepository logs) {
        this.transactions = transactions;
        this.logs = logs;
    }

    /**
     * Reads one page.
     * @param filter the filter
     * @param cursor the cursor of the previous page, or {@code null} for the first
     * @param count the page size
     * @return the page
     */
    public Page<LogEntity> list(MessageFilter filter, @Nullable String cursor, int count) {
        Long before = Page.parseCursor(cursor);
        Specification<LogEntity> spec = FilterSpecifications.logs(filter);
        if (before != null) {
            spec = spec.and((root, query, cb) -> cb.lessThan(root.get("id"), before));
        }
        Specification<LogEntity> effective = spec;
        List<LogEntity> found = this.transactions.execute((status) -> this.logs.findBy(effective,
                (query) -> query.sortBy(Sort.by(Sort.Direction.DESC, "id")).limit(count + 1).all()));
        return Page.of(found, count, (entry) -> String.valueOf(entry.getId()));
    }

}
