package io.github.qstashspring.broker.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.qstashspring.broker.flow.FlowControl;
import io.github.qstashspring.broker.message.BrokerException;
import io.github.qstashspring.broker.message.DeadLetterQueue;
import io.github.qstashspring.broker.message.Destinations;
import io.github.qstashspring.broker.message.LogQuery;
import io.github.qstashspring.broker.message.MessageFilter;
import io.github.qstashspring.broker.message.MessageOperations;
import io.github.qstashspring.broker.message.Page;
import io.github.qstashspring.broker.message.PublishCommand;
import io.github.qstashspring.broker.message.PublishOptions;
import io.github.qstashspring.broker.message.PublishOptionsParser;
import io.github.qstashspring.broker.message.PublishResult;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.message.RequestHeaders;
import io.github.qstashspring.broker.message.Queues;
import io.github.qstashspring.broker.message.SigningKeys;
import io.github.qstashspring.broker.message.UrlGroups;
import io.github.qstashspring.broker.schedule.ScheduleService;
import io.github.qstashspring.broker.store.LogEntity;
import io.github.qstashspring.broker.store.MessageEntity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The QStash {@code /v2} API. Routes on the raw request target, so a destination URL in
 * the path keeps its {@code //} and encoding, and its own query string is rebuilt from
 * the request's query minus QStash's parameters; fixed path segments match
 * case-insensitively. Every request needs the token ({@code Authorization: Bearer} or
 * {@code qstash_token}), or the read-only token for reads (see {@link ApiTokens}); errors
 * are {@code {"error":"..."}}.
 */
public class BrokerApi {

    private static final Log logger = LogFactory.getLog(BrokerApi.class);

    private static final int DEFAULT_PAGE = 100;

    private final PublishService publishService;

    private final MessageOperations messageOperations;

    private final DeadLetterQueue deadLetterQueue;

    private final LogQuery logQuery;

    private final SigningKeys signingKeys;

    private final PublishOptionsParser optionsParser;

    private final JsonMapper json;

    private final ScheduleAndGroupApi resources;

    private final QueueApi queueApi;

    private final FlowControlApi flowControlApi;

    private final ApiTokens tokens;

    private final RequestLimits limits;

    private final long maxBodySize;

    private final long maxBatchSize;

    /**
     * Creates the API.
     * @param publishService publishing
     * @param messageOperations reading and cancelling messages
     * @param deadLetterQueue the DLQ
     * @param logQuery the logs
     * @param signingKeys the signing keys
     * @param optionsParser reads publish options
     * @param schedules the schedules
     * @param urlGroups the URL groups
     * @param queues the queues
     * @param flowControl the flow-control keys
     * @param maxParallelism the deliveries in flight at most
     * ({@code delivery.concurrency})
     * @param json the JSON mapper
     * @param tokens the accepted tokens
     * @param limits the rate limits
     * @param maxBodySize the largest message body
     * @param maxBatchSize the largest batch request
     */
    public BrokerApi(PublishService publishService, MessageOperations messageOperations,
            DeadLetterQueue deadLetterQueue, LogQuery logQuery, SigningKeys signingKeys,
            PublishOptionsParser optionsParser, ScheduleService schedules, UrlGroups urlGroups, Queues queues,
            FlowControl flowControl, int maxParallelism, JsonMapper json, ApiTokens tokens, RequestLimits limits,
            long maxBodySize, long maxBatchSize) {
        this.resources = new ScheduleAndGroupApi(schedules, urlGroups, json, maxBodySize);
        this.queueApi = new QueueApi(queues, json, maxBodySize);
        this.flowControlApi = new FlowControlApi(flowControl, json, maxParallelism);
        this.publishService = publishService;
        this.messageOperations = messageOperations;
        this.deadLetterQueue = deadLetterQueue;
        this.logQuery = logQuery;
        this.signingKeys = signingKeys;
        this.optionsParser = optionsParser;
        this.json = json;
        this.tokens = tokens;
        this.limits = limits;
        this.maxBodySize = maxBodySize;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Answers one API request.
     * @param request the request
     * @param response the response
     * @throws IOException when the client connection fails
     */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            QueryParameters query = new QueryParameters(request.getQueryString());
            String method = request.getMethod().toUpperCase(Locale.ROOT);
            RawPath raw = new RawPath(request.getRequestURI());
            String resource = (raw.size() > 1) ? raw.lower(1) : "";
            this.tokens.check(request, query, method, resource);
            if (!isMessageResource(resource)) {
                this.limits.admitRequest();
            }
            route(request, response, query, method, raw);
        }
        catch (BrokerException ex) {
            error(response, ex.getStatus(), ex.getMessage(), ex.getHeaders());
        }
        catch (JacksonException ex) {
            error(response, 400, "invalid JSON body: " + ex.getOriginalMessage());
        }
        catch (RuntimeException ex) {
            logger.error("Request " + request.getMethod() + " " + request.getRequestURI() + " failed", ex);
            error(response, 500, "internal error: " + ex.getClass().getSimpleName());
        }
    }

    private static boolean isMessageResource(String resource) {
        return resource.equals("publish") || resource.equals("enqueue") || resource.equals("batch");
    }

    private void route(HttpServletRequest request, HttpServletResponse response, QueryParameters query, String method,
            RawPath raw) throws IOException {
        String path = request.getRequestURI();
        if (!raw.segmentIs(0, "v2") || raw.size() < 2) {
            throw BrokerException.notFound("not found: " + path);
        }
        String resource = raw.lower(1);
        switch (resource) {
            case "publish" -> {
                requireMethod(method, "POST");
                publish(request, response, query, null, raw.remainderAfter(2));
            }
            case "enqueue" -> {
                requireMethod(method, "POST");
                if (raw.size() < 4) {
                    throw BrokerException.badRequest("enqueue needs /v2/enqueue/{queueName}/{destination}");
                }
                String queue = raw.decoded(2);
                if (!Destinations.isResourceName(queue)) {
                    throw BrokerException
                        .badRequest("invalid queue name: " + queue + " (letters, digits, '-', '_' and '.' only)");
                }
                publish(request, response, query, queue, raw.remainderAfter(3));
            }
            case "batch" -> {
                requireMethod(method, "POST");
                batch(request, response);
            }
            case "schedules" -> this.resources.schedules(request, response, query, method, raw);
            case "topics" -> this.resources.topics(request, response, method, raw);
            case "queues" -> this.queueApi.handle(request, response, method, raw);
            case "flowcontrol" -> this.flowControlApi.handle(request, response, query, method, raw);
            case "globalparallelism" -> this.flowControlApi.globalParallelism(response, method);
            case "messages" -> messages(request, response, query, method, raw);
            case "dlq" -> dlq(request, response, query, method, raw);
            case "events", "logs" -> {
                requireMethod(method, "GET");
                logs(response, query);
            }
            case "keys" -> {
                if (raw.size() == 2) {
                    requireMethod(method, "GET");
                    keys(response);
                }
                else if (raw.size() == 3 && raw.lower(2).equals("rotate")) {
                    requireMethod(method, "POST");
                    this.signingKeys.rotate();
                    keys(response);
                }
                else {
                    throw BrokerException.notFound("not found: " + path);
                }
            }
            case "rotate" -> {
                requireMethod(method, "POST");
                this.signingKeys.rotate();
                keys(response);
            }
            default -> throw BrokerException.notFound("not found: " + path);
        }
    }

    private void publish(HttpServletRequest request, HttpServletResponse response, QueryParameters query,
            @Nullable String queue, String rawDestination) throws IOException {
        String destination = rawDestination;
        String destinationQuery = query.destinationQuery();
        if (!destinationQuery.isEmpty()) {
            destination = destination + "?" + destinationQuery;
        }
        checkDestination(destination);
        RequestHeaders headers = headersOf(request);
        for (String[] parameter : query.configuration()) {
            headers.addIfAbsent(parameter[0], parameter[1]);
        }
        byte[] body = readBody(request, this.maxBodySize);
        PublishOptions options = this.optionsParser.parse(headers);
        this.limits.admitMessages(1);
        PublishResult result = this.publishService
            .publish(List.of(new PublishCommand(destination, queue, body, options, request.getRemoteAddr())))
            .get(0);
        boolean deduplicated = result.endpoints() != null
                ? !result.endpoints().isEmpty() && result.endpoints().stream().allMatch(PublishResult::deduplicated)
                : result.deduplicated();
        write(response, deduplicated ? 202 : 200, publishResult(result));
    }

    private void batch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = readBody(request, this.maxBatchSize);
        JsonNode root = this.json.readTree(body);
        if (root == null || !root.isArray()) {
            throw BrokerException.badRequest("batch body must be a JSON array of messages");
        }
        List<PublishCommand> commands = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root) {
            commands.add(batchEntry(entry, index++, request.getRemoteAddr()));
        }
        this.limits.admitMessages(commands.size());
        List<Object> results = new ArrayList<>();
        for (PublishResult result : this.publishService.publish(commands)) {
            results.add(publishResult(result));
        }
        write(response, 200, results);
    }

    private PublishCommand batchEntry(JsonNode entry, int index, String callerIp) {
        String destination = text(entry.get("destination"));
        if (destination == null) {
            throw BrokerException.badRequest("batch message " + index + ": destination is required");
        }
        checkDestination(destination);
        String queue = text(entry.get("queue"));
        if (queue != null && !Destinations.isResourceName(queue)) {
            throw BrokerException.badRequest("batch message " + index + ": invalid queue name " + queue);
        }
        RequestHeaders headers = new RequestHeaders();
        JsonNode headerNode = entry.get("headers");
        if (headerNode != null && headerNode.isObject()) {
            for (Map.Entry<String, JsonNode> header : headerNode.properties()) {
                if (header.getValue().isArray()) {
                    header.getValue().forEach((value) -> headers.add(header.getKey(), value.asString()));
                }
                else if (!header.getValue().isNull()) {
                    headers.add(header.getKey(), header.getValue().asString());
                }
            }
        }
        String bodyText = text(entry.get("body"));
        byte[] body = (bodyText != null) ? bodyText.getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (body.length > this.maxBodySize) {
            throw new BrokerException(413,
                    "batch message " + index + ": body exceeds the maximum of " + this.maxBodySize + " bytes");
        }
        return new PublishCommand(destination, queue, body, this.optionsParser.parse(headers), callerIp);
    }

    private void messages(HttpServletRequest request, HttpServletResponse response, QueryParameters query,
            String method, RawPath raw) throws IOException {
        if (raw.size() == 3) {
            String id = raw.decoded(2);
            if (method.equals("GET")) {
                write(response, 200, JsonViews.message(this.messageOperations.get(id)));
                return;
            }
            requireMethod(method, "DELETE");
            this.messageOperations.cancel(id);
            write(response, 200, Map.of("cancelled", 1));
            return;
        }
        if (raw.size() != 2) {
            throw BrokerException.notFound("not found: " + request.getRequestURI());
        }
        requireMethod(method, "DELETE");
        MessageFilter filter = Filters.from(query, jsonBody(request));
        write(response, 200, Map.of("cancelled", this.messageOperations.cancelMatching(filter)));
    }

    private void dlq(HttpServletRequest request, HttpServletResponse response, QueryParameters query, String method,
            RawPath raw) throws IOException {
        if (raw.size() >= 3 && raw.lower(2).equals("retry") && method.equals("POST")) {
            PublishOptions overrides = this.optionsParser.parse(headersOf(request));
            if (raw.size() == 4) {
                write(response, 201, Map.of("messageId", this.deadLetterQueue.retry(raw.decoded(3), overrides)));
                return;
            }
            JsonNode body = jsonBody(request);
            Page<String> retried = this.deadLetterQueue.retryMatching(Filters.from(query, body), query.first("cursor"),
                    countOf(query, body, 100), overrides);
            List<Map<String, Object>> responses = new ArrayList<>();
            retried.items().forEach((id) -> responses.add(Map.of("messageId", id)));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("cursor", (retried.cursor() != null) ? retried.cursor() : "");
            result.put("responses", responses);
            write(response, 201, result);
            return;
        }
        if (raw.size() == 3) {
            String dlqId = raw.decoded(2);
            if (method.equals("GET")) {
                write(response, 200, JsonViews.dlqMessage(this.deadLetterQueue.get(dlqId)));
                return;
            }
            requireMethod(method, "DELETE");
            this.deadLetterQueue.delete(dlqId);
            response.setStatus(200);
            return;
        }
        if (raw.size() != 2) {
            throw BrokerException.notFound("not found: " + request.getRequestURI());
        }
        if (method.equals("GET")) {
            int count = pageSize(query.integer("count"), 100);
            Page<MessageEntity> page = this.deadLetterQueue.list(Filters.from(query, null), query.first("cursor"),
                    count);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("messages", page.items().stream().map(JsonViews::dlqMessage).toList());
            if (page.cursor() != null) {
                result.put("cursor", page.cursor());
            }
            write(response, 200, result);
            return;
        }
        requireMethod(method, "DELETE");
        JsonNode body = jsonBody(request);
        Page<Integer> deleted = this.deadLetterQueue.deleteMatching(Filters.from(query, body), query.first("cursor"),
                countOf(query, body, 100));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deleted", deleted.items().get(0));
        if (deleted.cursor() != null) {
            result.put("cursor", deleted.cursor());
        }
        write(response, 200, result);
    }

    private void logs(HttpServletResponse response, QueryParameters query) throws IOException {
        int count = pageSize(query.integer("count"), 1000);
        Page<LogEntity> page = this.logQuery.list(Filters.from(query, null), query.first("cursor"), count);
        List<Map<String, Object>> entries = page.items().stream().map(JsonViews::log).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        if (page.cursor() != null) {
            result.put("cursor", page.cursor());
        }
        result.put("events", entries);
        result.put("logs", entries);
        write(response, 200, result);
    }

    private void keys(HttpServletResponse response) throws IOException {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("current", this.signingKeys.current());
        keys.put("next", this.signingKeys.next());
        write(response, 200, keys);
    }

    static void checkDestination(String destination) {
        if (Destinations.isUrl(destination)) {
            if (!Destinations.isValidUri(destination)) {
                throw BrokerException.badRequest("invalid destination url: " + destination);
            }
            return;
        }
        if (!destination.isEmpty() && Destinations.isResourceName(destination)) {
            return;
        }
        throw BrokerException
            .badRequest("invalid destination url: endpoint has invalid scheme, add http:// or https://");
    }

    private static Object publishResult(PublishResult result) {
        if (result.endpoints() != null) {
            List<Map<String, Object>> fanOut = new ArrayList<>();
            for (PublishResult endpoint : result.endpoints()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("messageId", endpoint.messageId());
                json.put("url", endpoint.url());
                if (endpoint.deduplicated()) {
                    json.put("deduplicated", true);
                }
                fanOut.add(json);
            }
            return fanOut;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messageId", result.messageId());
        if (result.deduplicated()) {
            json.put("deduplicated", true);
        }
        return json;
    }

    static RequestHeaders headersOf(HttpServletRequest request) {
        RequestHeaders headers = new RequestHeaders();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(name, value);
            }
        }
        return headers;
    }

    private @Nullable JsonNode jsonBody(HttpServletRequest request) throws IOException {
        byte[] body = readBody(request, this.maxBodySize);
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode node = this.json.readTree(body);
        if (!node.isObject()) {
            throw BrokerException.badRequest("body must be a JSON object");
        }
        return node;
    }

    static byte[] readBody(HttpServletRequest request, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    private static BrokerException tooLarge(long limit) {
        return new BrokerException(413, "request body exceeds the maximum of " + limit + " bytes");
    }

    private static @Nullable Integer countOf(QueryParameters query, @Nullable JsonNode body, int max) {
        Integer count = query.integer("count");
        if (count == null && body != null && body.has("count")) {
            count = body.get("count").asInt();
        }
        if (count == null) {
            return null;
        }
        if (count < 1 || count > max) {
            throw BrokerException.badRequest("invalid count: must be between 1 and " + max);
        }
        return count;
    }

    private static int pageSize(@Nullable Integer count, int max) {
        if (count == null) {
            return DEFAULT_PAGE;
        }
        if (count < 1) {
            throw BrokerException.badRequest("invalid count: must be at least 1");
        }
        return Math.min(count, max);
    }

    static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new BrokerException(405, "method " + method + " not allowed here");
        }
    }

    static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.asString();
        return (value == null || value.isEmpty()) ? null : value;
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        this.json.writeValue(response.getOutputStream(), body);
    }

    private void error(HttpServletResponse response, int status, @Nullable String message) throws IOException {
        error(response, status, message, Map.of());
    }

    private void error(HttpServletResponse response, int status, @Nullable String message, Map<String, String> headers)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        headers.forEach(response::setHeader);
        write(response, status, Map.of("error", (message != null) ? message : "error"));
    }

}
