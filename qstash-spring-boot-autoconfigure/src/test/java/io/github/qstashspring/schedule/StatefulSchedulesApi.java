package io.github.qstashspring.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.json.JsonMapper;
import io.github.qstashspring.testsupport.QStashWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A WireMock server answering QStash's schedule endpoints from an in-memory store, so
 * that several application starts see what the earlier ones created: create/upsert by
 * {@code Upstash-Schedule-Id}, list, get and delete. Every request stays in WireMock's
 * journal for {@code verify}.
 */
final class StatefulSchedulesApi implements ResponseDefinitionTransformerV2 {

    private static final String PREFIX = "/v2/schedules";

    private final Map<String, Map<String, Object>> schedules = new ConcurrentHashMap<>();

    private final AtomicInteger generatedIds = new AtomicInteger();

    private volatile Consumer<String> onCreate = (destination) -> {
    };

    final WireMockServer server;

    StatefulSchedulesApi() {
        this.server = new WireMockServer(QStashWireMock.options().extensions(this));
        this.server.start();
        this.server.stubFor(any(urlPathMatching(PREFIX + "(/.*)?")).willReturn(aResponse()));
    }

    /** Puts a schedule into the store as if it had been created earlier. */
    void existing(String scheduleId, String cron, String destination) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("scheduleId", scheduleId);
        schedule.put("cron", cron);
        schedule.put("destination", destination);
        schedule.put("createdAt", 1_700_000_000_000L);
        schedule.put("method", "POST");
        schedule.put("header", Map.of("Content-Type", List.of("application/json")));
        schedule.put("retries", 3);
        schedule.put("isPaused", false);
        this.schedules.put(scheduleId, schedule);
    }

    /**
     * Runs the action with the destination whenever a schedule is created or overwritten.
     */
    void onCreate(Consumer<String> action) {
        this.onCreate = action;
    }

    /** The schedules QStash holds now, by id. */
    Map<String, Map<String, Object>> schedules() {
        return Map.copyOf(this.schedules);
    }

    String url() {
        return this.server.baseUrl();
    }

    void verify(int count, RequestPatternBuilder pattern) {
        this.server.verify(count, pattern);
    }

    void shutdown() {
        this.server.stop();
    }

    @Override
    public String getName() {
        return "stateful-schedules";
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        String path = request.getUrl();
        String rest = path.length() > PREFIX.length() ? path.substring(PREFIX.length() + 1) : "";
        return switch (request.getMethod().getName()) {
            case "POST" -> create(rest, request);
            case "GET" -> rest.isEmpty() ? json(200, new ArrayList<>(this.schedules.values())) : get(rest);
            case "DELETE" -> (this.schedules.remove(rest) != null) ? json(200, Map.of())
                    : json(404, Map.of("error", "schedule not found"));
            default -> json(405, Map.of("error", "method not allowed"));
        };
    }

    private ResponseDefinition create(String destination, LoggedRequest request) {
        String id = request.containsHeader("Upstash-Schedule-Id") ? request.getHeader("Upstash-Schedule-Id")
                : "scd_" + this.generatedIds.incrementAndGet();
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("scheduleId", id);
        schedule.put("cron", request.getHeader("Upstash-Cron").trim());
        schedule.put("destination", destination);
        schedule.put("createdAt", 1_700_000_000_000L);
        schedule.put("method", request.containsHeader("Upstash-Method") ? request.getHeader("Upstash-Method") : "POST");
        if (request.containsHeader("Content-Type")) {
            schedule.put("header", Map.of("Content-Type", List.of(request.getHeader("Content-Type"))));
        }
        String body = request.getBodyAsString();
        if (!body.isEmpty()) {
            schedule.put("body", body);
        }
        schedule.put("retries",
                request.containsHeader("Upstash-Retries") ? Integer.parseInt(request.getHeader("Upstash-Retries")) : 3);
        if (request.containsHeader("Upstash-Queue-Name")) {
            schedule.put("queueName", request.getHeader("Upstash-Queue-Name"));
        }
        schedule.put("isPaused", false);
        this.schedules.put(id, schedule);
        this.onCreate.accept(destination);
        return json(200, Map.of("scheduleId", id));
    }

    private ResponseDefinition get(String id) {
        Map<String, Object> schedule = this.schedules.get(id);
        return (schedule != null) ? json(200, schedule) : json(404, Map.of("error", "schedule not found"));
    }

    private static ResponseDefinition json(int status, Object body) {
        return WireMock.aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(JsonMapper.shared().writeValueAsString(body))
            .build();
    }

}
