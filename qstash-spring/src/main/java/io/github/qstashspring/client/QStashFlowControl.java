package io.github.qstashspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/**
 * Flow-control keys and the account's global parallelism. Obtained from
 * {@link QStashOperations#flowControl()}.
 */
public final class QStashFlowControl {

    private final QStashHttp http;

    QStashFlowControl(QStashHttp http) {
        this.http = http;
    }

    /**
     * Lists all flow-control keys: {@code GET /v2/flowControl}.
     * @return the keys and their state
     */
    public List<FlowControlKey> list() {
        return this.http.readList(ApiRequest.of("flowControl.list", HttpMethod.GET, "/v2/flowControl"),
                FlowControlKey.class);
    }

    /**
     * Reads one key: {@code GET /v2/flowControl/<key>}.
     * @param key the flow-control key
     * @return its state
     * @throws QStashApiException with status 404 when unknown
     */
    public FlowControlKey get(String key) {
        return this.http.read(call("flowControl.get", HttpMethod.GET, key, "", ""), FlowControlKey.class);
    }

    /**
     * Pauses deliveries of a key; new messages wait:
     * {@code POST /v2/flowControl/<key>/pause}.
     * @param key the flow-control key
     */
    public void pause(String key) {
        this.http.send(call("flowControl.pause", HttpMethod.POST, key, "/pause", ""));
    }

    /**
     * Resumes deliveries of a key: {@code POST /v2/flowControl/<key>/resume}.
     * @param key the flow-control key
     */
    public void resume(String key) {
        this.http.send(call("flowControl.resume", HttpMethod.POST, key, "/resume", ""));
    }

    /**
     * Pins limits, ignoring the messages' own until unpinned:
     * {@code POST /v2/flowControl/<key>/pin?parallelism=<n>&rate=<n>&period=<seconds>}.
     * @param key the flow-control key
     * @param parallelism pinned parallelism, or {@code null} to leave it
     * @param rate pinned rate, or {@code null} to leave it
     * @param period pinned rate period (whole seconds), or {@code null} to leave it
     */
    public void pin(String key, @Nullable Integer parallelism, @Nullable Integer rate, @Nullable Duration period) {
        List<String> query = new ArrayList<>();
        if (parallelism != null) {
            query.add("parallelism=" + parallelism);
        }
        if (rate != null) {
            query.add("rate=" + rate);
        }
        if (period != null) {
            String seconds = WireFormat.seconds(period, "period");
            query.add("period=" + seconds.substring(0, seconds.length() - 1));
        }
        this.http.send(call("flowControl.pin", HttpMethod.POST, key, "/pin", String.join("&", query)));
    }

    /**
     * Unpins limits: {@code POST /v2/flowControl/<key>/unpin?parallelism=true&rate=true}.
     * @param key the flow-control key
     * @param parallelism whether to unpin the parallelism
     * @param rate whether to unpin the rate
     */
    public void unpin(String key, boolean parallelism, boolean rate) {
        List<String> query = new ArrayList<>();
        if (parallelism) {
            query.add("parallelism=true");
        }
        if (rate) {
            query.add("rate=true");
        }
        this.http.send(call("flowControl.unpin", HttpMethod.POST, key, "/unpin", String.join("&", query)));
    }

    /**
     * Resets the rate count and starts a new period now:
     * {@code POST /v2/flowControl/<key>/resetRate}.
     * @param key the flow-control key
     */
    public void resetRate(String key) {
        this.http.send(call("flowControl.resetRate", HttpMethod.POST, key, "/resetRate", ""));
    }

    /**
     * Reads the account-wide parallelism: {@code GET /v2/globalParallelism}.
     * @return maximum and current deliveries in flight
     */
    public GlobalParallelism globalParallelism() {
        return this.http.read(ApiRequest.of("flowControl.globalParallelism", HttpMethod.GET, "/v2/globalParallelism"),
                GlobalParallelism.class);
    }

    private static ApiRequest call(String operation, HttpMethod method, String key, String suffix, String query) {
        return ApiRequest.of(operation, method, "/v2/flowControl/" + ApiRequest.segment(key) + suffix, query);
    }

}
