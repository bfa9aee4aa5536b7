package io.github.qstashspring.client;

import java.util.List;

/**
 * Everything a Spring application does with QStash: publish messages (to a URL, a URL
 * group or into a queue; one at a time or in a batch) and manage schedules, URL groups,
 * queues, messages, the DLQ, logs, signing keys, flow control and Upstash Workflow runs.
 * Implemented by {@link QStashTemplate}; every call is one HTTP request to the QStash API
 * (bulk operations may page through several) and fails with a {@link QStashException}.
 */
public interface QStashOperations {

    /**
     * Publishes a message: {@code POST /v2/publish/<destination>}, or
     * {@code POST /v2/enqueue/<queue>/<destination>} when the request names a queue. The
     * destination goes into the path raw.
     * @param request destination, body and options
     * @return one result for a URL, one per endpoint for a URL group
     */
    PublishResponse publish(PublishRequest request);

    /**
     * Publishes {@code payload} as JSON to a URL with QStash's default options, like the
     * JavaScript SDK's {@code publishJSON({url, body})}.
     * @param url the destination URL
     * @param payload serialised with the application's Jackson mapper
     * @return the created message
     */
    PublishResponse publishJson(String url, Object payload);

    /**
     * Publishes several messages in one call: {@code POST /v2/batch}. Destinations may be
     * URLs, URL groups and queues, mixed. Bodies travel as JSON strings, so they must be
     * UTF-8 text.
     * @param requests the messages
     * @return one response per request, in order (several results for a URL group)
     */
    List<PublishResponse> batch(List<PublishRequest> requests);

    /**
     * Schedules: create (upsert with an id), get, list, delete, pause, resume.
     * @return the schedules API
     */
    QStashSchedules schedules();

    /**
     * URL groups: add and remove endpoints, get, list, delete.
     * @return the URL groups API
     */
    QStashUrlGroups urlGroups();

    /**
     * Queues: upsert, get, list, delete, pause, resume.
     * @return the queues API
     */
    QStashQueues queues();

    /**
     * Pending messages: get, cancel one, cancel in bulk.
     * @return the messages API
     */
    QStashMessages messages();

    /**
     * Dead letter queue: list (paged or iterated), get, delete, retry.
     * @return the DLQ API
     */
    QStashDlq dlq();

    /**
     * Logs: list (paged or iterated).
     * @return the logs API
     */
    QStashLogs logs();

    /**
     * Signing keys: get, rotate.
     * @return the signing keys API
     */
    QStashSigningKeys signingKeys();

    /**
     * Flow-control keys (list, get, pause, resume, pin, unpin, reset rate) and global
     * parallelism.
     * @return the flow control API
     */
    QStashFlowControl flowControl();

    /**
     * Upstash Workflow: trigger runs, cancel them, notify waiting runs, read waiters, run
     * logs and the workflow DLQ.
     * @return the workflows API
     */
    QStashWorkflows workflows();

}
