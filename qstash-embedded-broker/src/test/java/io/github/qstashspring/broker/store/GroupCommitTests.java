package io.github.qstashspring.broker.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Group commit on a real H2 database: work of callers that arrive while a transaction
 * runs is committed together, each caller returns only after its work committed, and a
 * failing unit fails alone.
 */
class GroupCommitTests {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(this.dataSource));

    private final ExecutorService callers = Executors.newCachedThreadPool();

    private final CountDownLatch firstStarted = new CountDownLatch(1);

    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    @BeforeEach
    void createTable() {
        this.dataSource.setURL("jdbc:h2:mem:group-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        this.jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY)");
    }

    @AfterEach
    void stopCallers() {
        this.releaseFirst.countDown();
        this.callers.shutdownNow();
    }

    @Test
    void aLoneCallersWorkIsCommittedWhenExecuteReturns() {
        GroupCommit groupCommit = new GroupCommit(this.transactions, 1, 10, Duration.ZERO, Duration.ZERO);
        assertThat(groupCommit.execute(() -> insert(1))).isEqualTo(1);
        // A new connection (no transaction of ours) sees the row.
        assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM item WHERE id = 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void callersArrivingDuringATransactionShareTheNextOne() throws Exception {
        GroupCommit groupCommit = new GroupCommit(this.transactions, 1, 10, Duration.ZERO, Duration.ZERO);
        Future<Object> first = this.callers.submit(() -> groupCommit.execute(this::blockedTransaction));
        List<Future<Object>> waiting = submitWhileFirstRuns(groupCommit, 5, (i) -> {
            insert(10 + i);
            return currentTransaction();
        });
        Object firstTransaction = first.get(10, TimeUnit.SECONDS);
        List<Object> transactions = new ArrayList<>();
        for (Future<Object> caller : waiting) {
            transactions.add(caller.get(10, TimeUnit.SECONDS));
        }
        assertThat(transactions).containsOnly(transactions.get(0)).doesNotContain(firstTransaction);
        assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isEqualTo(6);
    }

    @Test
    void aSharedTransactionCarriesAtMostMaxBatchUnits() throws Exception {
        GroupCommit groupCommit = new GroupCommit(this.transactions, 1, 2, Duration.ZERO, Duration.ZERO);
        Future<Object> first = this.callers.submit(() -> groupCommit.execute(this::blockedTransaction));
        List<Future<Object>> waiting = submitWhileFirstRuns(groupCommit, 5, (i) -> currentTransaction());
        first.get(10, TimeUnit.SECONDS);
        List<Object> transactions = new ArrayList<>();
        for (Future<Object> caller : waiting) {
            transactions.add(caller.get(10, TimeUnit.SECONDS));
        }
        assertThat(transactions.stream().distinct()).hasSize(3);
    }

    @Test
    void aFailingUnitFailsAloneAndTheOthersAreCommitted() throws Exception {
        GroupCommit groupCommit = new GroupCommit(this.transactions, 1, 10, Duration.ZERO, Duration.ZERO);
        Future<Object> first = this.callers.submit(() -> groupCommit.execute(this::blockedTransaction));
        List<Future<Object>> waiting = submitWhileFirstRuns(groupCommit, 4, (i) -> {
            insert(10 + i);
            if (i == 2) {
                throw new IllegalStateException("unit 2 fails");
            }
            return i;
        });
        first.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < waiting.size(); i++) {
            Future<Object> caller = waiting.get(i);
            if (i == 2) {
                assertThatIllegalStateException().isThrownBy(() -> unwrap(caller)).withMessage("unit 2 fails");
            }
            else {
                assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        }
        assertThat(this.jdbc.queryForList("SELECT id FROM item ORDER BY id", Integer.class)).containsExactly(1, 10, 11,
                13);
    }

    /**
     * Submits callers while the first transaction is held open, waits until all wait,
     * then releases it.
     */
    private List<Future<Object>> submitWhileFirstRuns(GroupCommit groupCommit, int count, Work work) {
        await().until(() -> this.firstStarted.getCount() == 0);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(this.callers.submit(() -> {
                threads.add(Thread.currentThread());
                return groupCommit.execute(() -> work.run(index));
            }));
        }
        await().until(() -> threads.size() == count
                && threads.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING));
        this.releaseFirst.countDown();
        return futures;
    }

    /** The first caller's work: holds its transaction open until released. */
    private Object blockedTransaction() {
        this.firstStarted.countDown();
        try {
            this.releaseFirst.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        insert(1);
        return currentTransaction();
    }

    private int insert(int id) {
        return this.jdbc.update("INSERT INTO item (id) VALUES (?)", id);
    }

    /**
     * An object bound to the current transaction: the same for every unit of one
     * transaction.
     */
    private static Object currentTransaction() {
        Object marker = TransactionSynchronizationManager.getResource(GroupCommitTests.class);
        if (marker == null) {
            marker = new Object();
            TransactionSynchronizationManager.bindResource(GroupCommitTests.class, marker);
            Object bound = marker;
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(GroupCommitTests.class);
                }
            });
            return bound;
        }
        return marker;
    }

    private static Object unwrap(Future<Object> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            throw (Exception) ex.getCause();
        }
    }

    @FunctionalInterface
    private interface Work {

        Object run(int index);

    }

}
