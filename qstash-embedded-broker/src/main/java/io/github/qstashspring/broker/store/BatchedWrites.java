package io.github.qstashspring.broker.store;

import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.store.MessageStore.LogEntry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Inserts that may wait until the end of the current transaction: new messages no
 * statement of the transaction reads again, and log entries. They are collected per
 * transaction and written in one batch per table just before it commits, so a transaction
 * that stores many messages (a group of publishes, a batch of outcomes) costs a few
 * statements instead of several per message. They are part of the transaction: a rollback
 * discards them with everything else.
 */
final class BatchedWrites {

    private final MessageRows messageRows;

    private final LogRows logRows;

    BatchedWrites(MessageRows messageRows, LogRows logRows) {
        this.messageRows = messageRows;
        this.logRows = logRows;
    }

    /**
     * Inserts a message before the current transaction commits.
     * @param message the message
     * @throws IllegalStateException when no transaction is active
     */
    void insert(StoredMessage message) {
        pending().messages.add(message);
    }

    /**
     * Inserts a log entry before the current transaction commits.
     * @param entry the entry
     * @throws IllegalStateException when no transaction is active
     */
    void insert(LogEntry entry) {
        pending().entries.add(entry);
    }

    private Pending pending() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                throw new IllegalStateException("batched writes need an active transaction");
            }
            Pending created = new Pending();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

                @Override
                public void beforeCommit(boolean readOnly) {
                    created.flush();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(BatchedWrites.this);
                }
            });
            pending = created;
        }
        return pending;
    }

    private final class Pending {

        private final List<StoredMessage> messages = new ArrayList<>();

        private final List<LogEntry> entries = new ArrayList<>();

        void flush() {
            BatchedWrites.this.messageRows.insert(this.messages);
            BatchedWrites.this.logRows.insert(this.entries);
            this.messages.clear();
            this.entries.clear();
        }

    }

}
