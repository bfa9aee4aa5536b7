package io.github.qstashspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a delivery to a {@code @QStashListener}. Declare a
 * bean of this type to replace {@link DefaultQStashListenerObservationConvention}.
 */
public interface QStashListenerObservationConvention extends ObservationConvention<QStashReceiveContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof QStashReceiveContext;
    }

}
