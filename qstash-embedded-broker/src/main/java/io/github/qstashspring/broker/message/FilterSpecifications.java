package io.github.qstashspring.broker.message;

import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.store.LabelsConverter;
import io.github.qstashspring.broker.store.LogEntity;
import io.github.qstashspring.broker.store.MessageEntity;
import io.github.qstashspring.broker.store.MessageState;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.springframework.data.jpa.domain.Specification;

/**
 * Turns a {@link MessageFilter} into JPA criteria over messages, DLQ entries or log
 * entries.
 */
final class FilterSpecifications {

    private FilterSpecifications() {
    }

    static Specification<MessageEntity> messages(MessageFilter filter, MessageState... states) {
        return (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            predicates.add(root.get("state").in((Object[]) states));
            if (!filter.dlqIds().isEmpty()) {
                predicates.add(root.get("dlqId").in(filter.dlqIds()));
            }
            else if (!filter.messageIds().isEmpty()) {
                predicates.add(root.get("id").in(filter.messageIds()));
            }
            else {
                common(filter, root, cb, predicates, "createdAt");
                if (!filter.responseStatuses().isEmpty()) {
                    predicates.add(root.get("responseStatus").in(filter.responseStatuses()));
                }
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }

    static Specification<LogEntity> logs(MessageFilter filter) {
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
                predicates.add(root.get("responseStatus").in(filter.responseStatuses()));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }

    private static void common(MessageFilter filter, Root<?> root, CriteriaBuilder cb, List<Predicate> predicates,
            String timeAttribute) {
        in(root, predicates, "url", filter.urls());
        in(root, predicates, "urlHost", filter.hosts());
        in(root, predicates, "urlPath", filter.paths());
        in(root, predicates, "topicName", filter.topicNames());
        in(root, predicates, "queueName", filter.queueNames());
        in(root, predicates, "scheduleId", filter.scheduleIds());
        in(root, predicates, "flowControlKey", filter.flowControlKeys());
        in(root, predicates, "callerIp", filter.callerIps());
        if (!filter.labels().isEmpty()) {
            predicates.add(cb.or(filter.labels()
                .stream()
                .map((label) -> cb.like(root.get("labels"), LabelsConverter.likePattern(label)))
                .toArray(Predicate[]::new)));
        }
        if (filter.fromDate() != null) {
            predicates.add(cb.greaterThanOrEqualTo(root.get(timeAttribute), filter.fromDate()));
        }
        if (filter.toDate() != null) {
            predicates.add(cb.lessThanOrEqualTo(root.get(timeAttribute), filter.toDate()));
        }
    }

    private static void in(Root<?> root, List<Predicate> predicates, String attribute, List<String> values) {
        if (!values.isEmpty()) {
            predicates.add(root.get(attribute).in(values));
        }
    }

}
