package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageState;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead letter queue: messages whose retries ran out. Listed oldest first; the cursor
 * is the DLQ sequence number of the last entry returned. A retry creates a new message
 * with the same destination, body and settings (overridden by the options of the retry
 * request) and removes the entry.
 */
public class DeadLetterQueue {

    private final TransactionTemplate transactions;

    private final MessageRepository messages;

    private final PublishService publishService;

    private final MessageHandOff handOff;

    private final Clock clock;

    /**
     * Creates the DLQ.
     * @param transactions the broker's transactions
     * @param messages the message repository
     * @param publishService stores retried messages
     * @param handOff the dispatcher
     * @param clock the broker's clock
     */
    public DeadLetterQueue(TransactionTemplate transactions, MessageRepository messages, PublishService publishService,
            MessageHandOff handOff, Clock clock) {
        this.transactions = transactions;
        this.messages = messages;
        this.publishService = publishService;
        this.handOff = handOff;
        this.clock = clock;
    }

    /**
     * Reads one page.
     * @param filter the filter
     * @param cursor the previous page's cursor, or {@code null}
     * @param count the page size
     * @return the page
     */
    public Page<MessageEntity> list(MessageFilter filter, @Nullable String cursor, int count) {
        Long after = Page.parseCursor(cursor);
        Specification<MessageEntity> spec = FilterSpecifications.messages(filter, MessageState.FAILED);
        if (after != null) {
            spec = spec.and((root, query, cb) -> cb.greaterThan(root.get("dlqSeq"), after));
        }
        Specification<MessageEntity> effective = spec;
        List<MessageEntity> found = this.transactions.execute((status) -> this.messages.findBy(effective,
                (query) -> query.sortBy(Sort.by("dlqSeq")).limit(count + 1).all()));
        return Page.of(found, count, (message) -> String.valueOf(message.getDlqSeq()));
    }

    /**
     * Reads one entry.
     * @param dlqId the DLQ id
     * @return the entry
     * @throws BrokerException (404) when there is none
     */
    public MessageEntity get(String dlqId) {
        return this.messages.findByDlqIdAndState(dlqId, MessageState.FAILED)
            .orElseThrow(() -> BrokerException.notFound("dlq message " + dlqId + " not found"));
    }

    /**
     * Deletes one entry.
     * @param dlqId the DLQ id
     * @throws BrokerException (404) when there is none
     */
    public void delete(String dlqId) {
        this.transactions.executeWithoutResult((status) -> this.messages.delete(get(dlqId)));
    }

    /**
     * Deletes the entries matching a filter, oldest first, one page at a time.
     * @param filter the filter (no filter: all)
     * @param cursor the cursor of the previous call, or {@code null}
     * @param count the most to delete in this call, or {@code null} for all
     * @return how many were deleted, with the cursor of the next call when more match
     */
    public Page<Integer> deleteMatching(MessageFilter filter, @Nullable String cursor, @Nullable Integer count) {
        Page<Integer> deleted = this.transactions.execute((status) -> {
            Page<MessageEntity> page = find(filter, cursor, count);
            this.messages.deleteAll(page.items());
            return new Page<>(List.of(page.items().size()), page.cursor());
        });
        return (deleted != null) ? deleted : new Page<>(List.of(0), null);
    }

    /**
     * Retries one entry.
     * @param dlqId the DLQ id
     * @param overrides options of the retry request, or {@code null}
     * @return the new message id
     * @throws BrokerException (404) when there is none
     */
    public String retry(String dlqId, @Nullable PublishOptions overrides) {
        return retryAll(List.of(get(dlqId)), overrides).get(0);
    }

    /**
     * Retries the entries matching a filter, oldest first, one page at a time.
     * @param filter the filter
     * @param cursor the cursor of the previous call, or {@code null}
     * @param count the most to retry in this call, or {@code null} for all
     * @param overrides options of the retry request, or {@code null}
     * @return the new message ids, with the cursor of the next call when more match
     */
    public Page<String> retryMatching(MessageFilter filter, @Nullable String cursor, @Nullable Integer count,
            @Nullable PublishOptions overrides) {
        Page<MessageEntity> page = this.transactions.execute((status) -> find(filter, cursor, count));
        if (page == null) {
            return new Page<>(List.of(), null);
        }
        return new Page<>(retryAll(page.items(), overrides), page.cursor());
    }

    private Page<MessageEntity> find(MessageFilter filter, @Nullable String cursor, @Nullable Integer count) {
        Long after = Page.parseCursor(cursor);
        Specification<MessageEntity> spec = FilterSpecifications.messages(filter, MessageState.FAILED);
        if (after != null) {
            spec = spec.and((root, query, cb) -> cb.greaterThan(root.get("dlqSeq"), after));
        }
        List<MessageEntity> found = this.messages.findBy(spec, (query) -> {
            var sorted = query.sortBy(Sort.by("dlqSeq"));
            return (count != null) ? sorted.limit(count + 1).all() : sorted.all();
        });
        return (count != null) ? Page.of(found, count, (message) -> String.valueOf(message.getDlqSeq()))
                : new Page<>(found, null);
    }

    private List<String> retryAll(List<MessageEntity> entries, @Nullable PublishOptions overrides) {
        List<String> due = new ArrayList<>();
        List<String> ids = this.transactions.execute((status) -> {
            long now = this.clock.millis();
            List<String> created = new ArrayList<>();
            for (MessageEntity entry : entries) {
                MessageEntity current = this.messages.findById(entry.getId())
                    .filter((message) -> message.getState() == MessageState.FAILED)
                    .orElseThrow(() -> BrokerException.notFound("dlq message " + entry.getDlqId() + " not found"));
                MessageEntity copy = copyOf(current, now, overrides);
                this.messages.delete(current);
                this.publishService.store(copy, now);
                if (copy.getState() == MessageState.PENDING && copy.getNextDeliveryAt() <= now) {
                    due.add(copy.getId());
                }
                created.add(copy.getId());
            }
            return created;
        });
        this.handOff.offer(due);
        return (ids != null) ? ids : List.of();
    }

    private MessageEntity copyOf(MessageEntity source, long now, @Nullable PublishOptions overrides) {
        MessageEntity copy = new MessageEntity();
        copy.setId(Ids.messageId());
        copy.setState(MessageState.PENDING);
        copy.setUrl(source.getUrl());
        copy.setUrlHost(source.getUrlHost());
        copy.setUrlPath(source.getUrlPath());
        copy.setTopicName(source.getTopicName());
        copy.setEndpointName(source.getEndpointName());
        copy.setQueueName(source.getQueueName());
        copy.setScheduleId(source.getScheduleId());
        copy.setMethod(source.getMethod());
        copy.setHeaders(new LinkedHashMap<>(source.getHeaders()));
        copy.setBody(source.getBody());
        copy.setMaxRetries(source.getMaxRetries());
        copy.setRetryDelayExpression(source.getRetryDelayExpression());
        copy.setTimeoutMs(source.getTimeoutMs());
        copy.setCallback(source.getCallback());
        copy.setCallbackOptions(source.getCallbackOptions());
        copy.setFailureCallback(source.getFailureCallback());
        copy.setFailureCallbackOptions(source.getFailureCallbackOptions());
        copy.setCallerIp(source.getCallerIp());
        copy.setLabels(source.getLabels());
        copy.setFlowControlKey(source.getFlowControlKey());
        copy.setFlowParallelism(source.getFlowParallelism());
        copy.setFlowRate(source.getFlowRate());
        copy.setFlowPeriod(source.getFlowPeriod());
        copy.setRedact(source.getRedact());
        copy.setCreatedAt(now);
        long notBefore = now;
        if (overrides != null) {
            applyOverrides(copy, overrides);
            if (overrides.notBeforeMs() != null) {
                notBefore = Math.max(now, overrides.notBeforeMs());
            }
            else if (overrides.delayMs() != null) {
                notBefore = now + overrides.delayMs();
            }
        }
        copy.setNotBefore(notBefore);
        copy.setNextDeliveryAt(notBefore);
        return copy;
    }

    private static void applyOverrides(MessageEntity copy, PublishOptions overrides) {
        if (overrides.method() != null) {
            copy.setMethod(overrides.method());
        }
        if (overrides.retries() != null) {
            copy.setMaxRetries(overrides.retries());
        }
        if (overrides.retryDelay() != null) {
            copy.setRetryDelayExpression(overrides.retryDelay().getText());
        }
        if (overrides.timeoutMs() != null) {
            copy.setTimeoutMs(overrides.timeoutMs());
        }
        if (overrides.callback() != null) {
            copy.setCallback(overrides.callback());
            copy.setCallbackOptions(overrides.callbackOptions());
        }
        if (overrides.failureCallback() != null) {
            copy.setFailureCallback(overrides.failureCallback());
            copy.setFailureCallbackOptions(overrides.failureCallbackOptions());
        }
        if (!overrides.labels().isEmpty()) {
            copy.setLabels(overrides.labels());
        }
    }

}
