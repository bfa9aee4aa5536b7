package io.github.qstashspring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link QStashListenerObservationConvention}: observation
 * {@value #OBSERVATION_NAME}, contextual name {@code qstash receive <listener>},
 * low-cardinality tags {@code qstash.listener}, {@code qstash.outcome} ({@code success},
 * {@code duplicate}, {@code retry}, {@code non_retryable}, {@code rejected}),
 * {@code qstash.redelivery} ({@code true} when {@code Upstash-Retried} is above zero) and
 * {@code http.status}; high-cardinality tags {@code qstash.message.id} and
 * {@code qstash.retried}.
 */
public class DefaultQStashListenerObservationConvention implements QStashListenerObservationConvention {

    /** The name of the observation (and of the timer Micrometer derives from it). */
    public static final String OBSERVATION_NAME = "qstash.listener";

    @Override
    public String getName() {
        return OBSERVATION_NAME;
    }

    @Override
    public String getContextualName(QStashReceiveContext context) {
        return "qstash receive " + context.getListenerId();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(QStashReceiveContext context) {
        return KeyValues.of(KeyValue.of("qstash.listener", context.getListenerId()),
                KeyValue.of("qstash.outcome", context.getOutcome().value()),
                KeyValue.of("qstash.redelivery", String.valueOf(context.getRetried() > 0)),
                KeyValue.of("http.status", String.valueOf(context.getStatus())));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(QStashReceiveContext context) {
        String messageId = context.getMessageId();
        return KeyValues.of(KeyValue.of("qstash.message.id", (messageId != null) ? messageId : "none"),
                KeyValue.of("qstash.retried", String.valueOf(context.getRetried())));
    }

}
