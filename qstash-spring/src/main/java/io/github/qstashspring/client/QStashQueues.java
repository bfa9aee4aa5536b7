package io.github.qstashspring.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;

/**
 * FIFO queues: messages enqueued with {@link PublishRequest#queue} are delivered in
 * order, at most {@code parallelism} at once. Obtained from
 * {@link QStashOperations#queues()}.
 */
public final class QStashQueues {

    private final QStashHttp http;

    QStashQueues(QStashHttp http) {
        this.http = http;
    }

    /**
     * Creates or updates a queue, not paused: {@code POST /v2/queues} with
     * {@code {"queueName":..,"parallelism":..,"paused":false}}.
     * @param queueName the queue name
     * @param parallelism deliveries in flight at once (at least 1)
     */
    public void upsert(String queueName, int parallelism) {
        upsert(queueName, parallelism, false);
    }

    /**
     * Creates or updates a queue: {@code POST /v2/queues} with
     * {@code {"queueName":..,"parallelism":..,"paused":..}}.
     * @param queueName the queue name
     * @param parallelism deliveries in flight at once (at least 1)
     * @param paused whether delivery is paused
     */
    public void upsert(String queueName, int parallelism, boolean paused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queueName", queueName);
        body.put("parallelism", parallelism);
        body.put("paused", paused);
        ApiRequest request = ApiRequest.of("queues.upsert", HttpMethod.POST, "/v2/queues")
            .destination(DestinationKind.QUEUE, queueName);
        this.http.send(this.http.withJson(request, body));
    }

    /**
     * Reads a queue: {@code GET /v2/queues/<name>}.
     * @param queueName the queue name
     * @return the queue
     * @throws QStashApiException with status 404 when there is none
     */
    public Queue get(String queueName) {
        return this.http.read(call("queues.get", HttpMethod.GET, queueName, ""), Queue.class);
    }

    /**
     * Lists all queues: {@code GET /v2/queues}.
     * @return the queues
     */
    public List<Queue> list() {
        return this.http.readList(ApiRequest.of("queues.list", HttpMethod.GET, "/v2/queues"), Queue.class);
    }

    /**
     * Deletes a queue: {@code DELETE /v2/queues/<name>}.
     * @param queueName the queue name
     */
    public void delete(String queueName) {
        this.http.send(call("queues.delete", HttpMethod.DELETE, queueName, ""));
    }

    /**
     * Pauses delivery; the queue still accepts messages:
     * {@code POST /v2/queues/<name>/pause}.
     * @param queueName the queue name
     */
    public void pause(String queueName) {
        this.http.send(call("queues.pause", HttpMethod.POST, queueName, "/pause"));
    }

    /**
     * Resumes delivery from the oldest undelivered message:
     * {@code POST /v2/queues/<name>/resume}.
     * @param queueName the queue name
     */
    public void resume(String queueName) {
        this.http.send(call("queues.resume", HttpMethod.POST, queueName, "/resume"));
    }

    private static ApiRequest call(String operation, HttpMethod method, String queueName, String suffix) {
        return ApiRequest.of(operation, method, "/v2/queues/" + ApiRequest.segment(queueName) + suffix)
            .destination(DestinationKind.QUEUE, queueName);
    }

}
