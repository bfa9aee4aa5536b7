package io.github.qstashspring.client;

import java.util.function.Supplier;

/**
 * Wraps every QStash API call, including its transport retries; the seam through which
 * the Micrometer observation
 * ({@code io.github.qstashspring.observation.QStashClientObservationCallObserver}) plugs
 * in without the client depending on Micrometer.
 */
@FunctionalInterface
public interface QStashApiCallObserver {

    /** An observer that just runs the call. */
    QStashApiCallObserver NOOP = (call, execution) -> execution.get();

    /**
     * Runs {@code execution}, the API call described by {@code call}, and returns its
     * answer or rethrows its {@link QStashException}.
     * @param call what is being called
     * @param execution performs the call
     * @return the answer of {@code execution}
     */
    QStashApiResponse observe(QStashApiCall call, Supplier<QStashApiResponse> execution);

}
