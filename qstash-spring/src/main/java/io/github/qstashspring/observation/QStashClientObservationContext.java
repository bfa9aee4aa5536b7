package io.github.qstashspring.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.github.qstashspring.client.QStashApiCall;

/**
 * The context of an observed QStash API call: the call, and once it ended, its status.
 */
public class QStashClientObservationContext extends Observation.Context {

    private final QStashApiCall call;

    private @Nullable Integer status;

    /**
     * Creates a context.
     * @param call the API call being observed
     */
    public QStashClientObservationContext(QStashApiCall call) {
        this.call = call;
    }

    /**
     * The API call.
     * @return the call
     */
    public QStashApiCall getCall() {
        return this.call;
    }

    /**
     * The HTTP status QStash answered with.
     * @return the status, or {@code null} before the answer or when there was none
     */
    public @Nullable Integer getStatus() {
        return this.status;
    }

    /**
     * Records the HTTP status QStash answered with.
     * @param status the status
     */
    public void setStatus(@Nullable Integer status) {
        this.status = status;
    }

}
