package io.github.qstashspring.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The state of a flow-control key ({@code GET /v2/flowControl/<key>}).
 *
 * @param flowControlKey the key
 * @param waitListSize messages waiting for a slot
 * @param parallelismMax configured parallelism
 * @param parallelismCount deliveries in flight
 * @param rateMax configured rate
 * @param rateCount deliveries started in the current period
 * @param ratePeriod the rate period in seconds
 * @param ratePeriodStart start of the current period, Unix seconds
 * @param paused whether the key is paused ({@code isPaused})
 * @param pinnedParallelism whether the parallelism is pinned
 * ({@code isPinnedParallelism})
 * @param pinnedRate whether the rate is pinned ({@code isPinnedRate})
 */
public record FlowControlKey(String flowControlKey, long waitListSize, int parallelismMax, int parallelismCount,
        int rateMax, int rateCount, long ratePeriod, long ratePeriodStart, @JsonProperty("isPaused") boolean paused,
        @JsonProperty("isPinnedParallelism") boolean pinnedParallelism,
        @JsonProperty("isPinnedRate") boolean pinnedRate) {
}
