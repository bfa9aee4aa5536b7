package io.github.qstashspring.broker.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.store.WorkflowStore;
import io.github.qstashspring.broker.store.WorkflowStore.Run;
import io.github.qstashspring.broker.store.WorkflowStore.RunFilter;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What the API does to runs: reads a running run's history, ends a run (its SDK's
 * {@code DELETE}), cancels runs in bulk.
 */
final class RunOperations {

    private final TransactionOperations transactions;

    private final WorkflowStore runs;

    private final RunEnding ending;

    private final RunMessages messages;

    private final PublishService publisher;

    private final Clock clock;

    RunOperations(TransactionOperations transactions, WorkflowStore runs, RunEnding ending, RunMessages messages,
            PublishService publisher, Clock clock) {
        this.transactions = transactions;
        this.runs = runs;
        this.ending = ending;
        this.messages = messages;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * The history of a running run, as the SDK's lazy fetch reads it.
     * @param runId the run
     * @return the JSON array of its entries
     * @throws BrokerException (404) when the run is unknown or ended
     */
    byte[] history(String runId) {
        return Objects.requireNonNull(this.transactions.execute((status) -> {
            Run run = this.runs.findRun(runId)
                .filter(Run::isRunning)
                .orElseThrow(() -> BrokerException.notFound("workflow run " + runId + " not found or ended"));
            return this.messages.historyJson(this.runs.history(run.runId(), Integer.MAX_VALUE));
        }));
    }

    /**
     * Ends a run: success with the route function's result, or cancel. Ending a run that
     * already ended changes nothing.
     * @param runId the run
     * @param cancel whether it is cancelled
     * @param result the result, or {@code null}
     * @throws BrokerException (404) when the run is unknown
     */
    void end(String runId, boolean cancel, byte @Nullable [] result) {
        List<String> due = new ArrayList<>();
        this.transactions.executeWithoutResult((status) -> {
            Run run = this.runs.findRun(runId)
                .orElseThrow(() -> BrokerException.notFound("workflow run " + runId + " not found"));
            this.ending.end(run, cancel ? WorkflowStore.CANCELED : WorkflowStore.SUCCESS, cancel ? null : result, null,
                    null, this.clock.millis(), due);
        });
        this.publisher.handOff(due);
    }

    /**
     * Cancels the running runs a filter matches.
     * @param filter the filter
     * @param limit the most cancelled
     * @return how many were cancelled
     */
    int cancelMatching(RunFilter filter, int limit) {
        RunFilter running = new RunFilter(filter.runIds(), filter.url(), filter.urlPrefix(),
                List.of(WorkflowStore.STARTED), filter.label(), filter.fromDate(), filter.toDate(), filter.createdAt(),
                filter.callerIp(), filter.flowControlKey());
        List<String> due = new ArrayList<>();
        Integer cancelled = this.transactions.execute((status) -> {
            int count = 0;
            long now = this.clock.millis();
            for (Run run : this.runs.findRuns(running, null, Math.min(limit, 10_000))) {
                if (this.ending.end(run, WorkflowStore.CANCELED, null, null, null, now, due)) {
                    count++;
                }
            }
            return count;
        });
        this.publisher.handOff(due);
        return (cancelled != null) ? cancelled : 0;
    }

}
