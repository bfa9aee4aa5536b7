package io.github.qstashspring.broker.workflow;

import java.time.Clock;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.delivery.DeliveryConfiguration;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.message.DeadLetters;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.WorkflowStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upstash Workflow in the broker's context: the admission of run messages at publish,
 * their part in recording outcomes, waits and their timeouts, and the workflow API.
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
public final class WorkflowConfiguration {

    /** Histories above this size go to SDKs that fetch them ({@code LazyFetch}). */
    private static final long LAZY_FETCH_THRESHOLD = 1024 * 1024;

    @Bean
    RunMessages workflowRunMessages(WorkflowStore workflowStore, JsonMapper brokerJsonMapper) {
        return new RunMessages(workflowStore, brokerJsonMapper, LAZY_FETCH_THRESHOLD);
    }

    @Bean
    PublishService.WorkflowAdmission workflowAdmission(WorkflowStore workflowStore, RunMessages workflowRunMessages,
            JsonMapper brokerJsonMapper) {
        return new RunAdmission(workflowStore, workflowRunMessages, brokerJsonMapper);
    }

    @Bean
    RunEnding workflowRunEnding(WorkflowStore workflowStore, MessageStore messageStore, PublishService publishService,
            JsonMapper brokerJsonMapper) {
        return new RunEnding(workflowStore, messageStore, publishService, brokerJsonMapper);
    }

    @Bean
    Dispatcher.WorkflowOutcomes workflowOutcomes(WorkflowStore workflowStore, RunEnding workflowRunEnding,
            JsonMapper brokerJsonMapper) {
        return new RunOutcomes(workflowStore, workflowRunEnding, brokerJsonMapper);
    }

    @Bean
    Waits workflowWaits(@Qualifier("brokerTransactionTemplate") TransactionTemplate transactions,
            WorkflowStore workflowStore, PublishService publishService, JsonMapper brokerJsonMapper,
            Clock brokerClock) {
        return new Waits(transactions, workflowStore, publishService, brokerJsonMapper, brokerClock);
    }

    @Bean
    WorkflowMaintenance workflowMaintenance(Waits workflowWaits,
            @Qualifier("brokerTransactionTemplate") TransactionTemplate transactions, WorkflowStore workflowStore,
            Clock brokerClock, DeliveryConfiguration.Settings delivery) {
        return new WorkflowMaintenance(workflowWaits, transactions, workflowStore, brokerClock, delivery.pollInterval(),
                delivery.logRetention());
    }

    @Bean
    Dispatcher.DueWork workflowDueWork(WorkflowMaintenance workflowMaintenance) {
        return workflowMaintenance::timeOutExpired;
    }

    @Bean
    RunOperations workflowRunOperations(@Qualifier("brokerTransactionTemplate") TransactionTemplate transactions,
            WorkflowStore workflowStore, RunEnding workflowRunEnding, RunMessages workflowRunMessages,
            PublishService publishService, Clock brokerClock) {
        return new RunOperations(transactions, workflowStore, workflowRunEnding, workflowRunMessages, publishService,
                brokerClock);
    }

    @Bean
    WorkflowDeadLetterResource workflowDeadLetters(
            @Qualifier("brokerTransactionTemplate") TransactionTemplate transactions, WorkflowStore workflowStore,
            MessageStore messageStore, DeadLetters deadLetters, PublishService publishService) {
        return new WorkflowDeadLetterResource(
                new WorkflowDeadLetters(transactions, workflowStore, messageStore, deadLetters, publishService));
    }

    @Bean
    ApiResource workflowsResource(RunOperations workflowRunOperations, Waits workflowWaits,
            @Qualifier("brokerTransactionTemplate") TransactionTemplate transactions, WorkflowStore workflowStore,
            MessageStore messageStore, JsonMapper brokerJsonMapper, WorkflowDeadLetterResource workflowDeadLetters) {
        return new WorkflowsResource(workflowRunOperations, workflowWaits,
                new WorkflowLogs(transactions, workflowStore, messageStore, brokerJsonMapper), brokerJsonMapper,
                workflowDeadLetters);
    }

    @Bean
    ApiResource waitsResource(Waits workflowWaits) {
        return new WaitsResource(workflowWaits);
    }

}
