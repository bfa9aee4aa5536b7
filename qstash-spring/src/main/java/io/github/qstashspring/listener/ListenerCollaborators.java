package io.github.qstashspring.listener;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.github.qstashspring.observation.QStashListenerObservationConvention;

/** What every listener endpoint shares. */
record ListenerCollaborators(QStashRequestVerifier requestVerifier, QStashListenerErrorHandler errorHandler,
        QStashDuplicateStore duplicateStore, ObservationRegistry observationRegistry,
        @Nullable QStashListenerObservationConvention observationConvention, long maxBodySize) {
}
