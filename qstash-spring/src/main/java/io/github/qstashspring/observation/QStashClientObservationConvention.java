package io.github.qstashspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of QStash API calls. Declare a bean of this type to
 * replace {@link DefaultQStashClientObservationConvention}.
 */
public interface QStashClientObservationConvention extends ObservationConvention<QStashClientObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof QStashClientObservationContext;
    }

}
