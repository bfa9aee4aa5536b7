package io.github.qstashspring.broker.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.qstashspring.broker.store.MessageStore.Filter;
import io.github.qstashspring.broker.store.StoredMessage.State;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.springframework.data.jpa.domain.Specification;

/**
 * Turns a {@link Filter} into JPA criteria over messages, DLQ entries or log entries.
 */
final class FilterSpecifications {

    private FilterSpecifications() {
    }

    static Specification<MessageEntity> messages(Filter filter, Collection<State> states) {
        return (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            predicates.add(root.get("state").in(states));
            if (!filter.dlqIds().isEmpty()) {
                predicates.add(root.get("dlqId").in(filter.dlqIds()));
            }
            else if (!filter.messageIds().isEmpty()) {
                predicates.add(root.get("id").in(filter.messageIds()));
            }
            else {
                common(filter, root, cb, predicates, "createdAt");
                if (!filter.responseStatuses().isEmpty()) {
                    predicates.add(root.get("content").get("responseStatus").in(filter.responseStatuses()));
                }
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }

    static Specification<LogEntity> logs(Filter filter) {
        return (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (!filter.messageIds().isEmpty()) {
                predicates.add(root.get("messageId").in(filter.messageIds()));
            }
            if (!filter.states().isEmpty()) {
                List<String> states = new ArrayList<>();
                for (String state : filter.states()) {
                    if (state.equals("IN_PROGRESS")) {
                        states.addAll(List.of("ACTIVE", "RETRY", "ERROR"));
                    }
                    else {
                        states.add(state);
                    }
                }
                predicates.add(root.get("state").in(states));
            }
            common(filter, root, cb, predicates, "time");
            if (!filter.responseStatuses().isEmpty()) {
                predicates.add(root.get("content").get("responseStatus").in(filter.responseStatuses()));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }

    private static void common(Filter filter, Root<?> root, CriteriaBuilder cb, List<Predicate> predicates,
            String timeAttribute) {
        Path<?> envelope = root.get("envelope");
        in(envelope, predicates, "url", filter.urls());
        in(envelope, predicates, "urlHost", filter.hosts());
        in(envelope, predicates, "urlPath", filter.paths());
        in(envelope, predicates, "topicName", filter.topicNames());
        in(envelope, predicates, "queueName", filter.queueNames());
        in(envelope, predicates, "scheduleId", filter.scheduleIds());
        in(envelope, predicates, "flowControlKey", filter.flowControlKeys());
        in(envelope, predicates, "callerIp", filter.callerIps());
        if (!filter.labels().isEmpty()) {
            predicates.add(cb.or(filter.labels()
                .stream()
                .map((label) -> cb.like(envelope.get("labels"), LabelsConverter.likePattern(label)))
                .toArray(Predicate[]::new)));
        }
        if (filter.fromDate() != null) {
            predicates.add(cb.greaterThanOrEqualTo(root.get(timeAttribute), filter.fromDate()));
        }
        if (filter.toDate() != null) {
            predicates.add(cb.lessThanOrEqualTo(root.get(timeAttribute), filter.toDate()));
        }
    }

    private static void in(Path<?> path, List<Predicate> predicates, String attribute, List<String> values) {
        if (!values.isEmpty()) {
            predicates.add(path.get(attribute).in(values));
        }
    }

}
