package io.github.qstashspring.client;

import java.util.function.Supplier;

/**
 * Wraps every QStash API call, including its transport retries; the seam through which the
 * Micrometer observation ({@code io.github.qstashspring.observation.QStashClientObservationObserver})
 * plugs in without the client depending on Micrometer.
 */
@FunctionalInterface
public interface QStashApiCallObserver {

    /** An observer that just runs the call. */
    QStashApiCallObserver NOOP = new QStashApiCallObserver() {
        @Override
        public <T> T observe(QStashApiCall call, Supplier<T> execution) {
            return execution.get();
        }
    };

    /**
     * Runs {@code execution}, the API call described by {@code call}, and returns its result or
     * rethrows its {@link QStashException}.
     * @param call what is being called
     * @param execution performs the call
     * @param <T> the result type
     * @return the result of {@code execution}
     */
    <T> T observe(QStashApiCall call, Supplier<T> execution);
}
