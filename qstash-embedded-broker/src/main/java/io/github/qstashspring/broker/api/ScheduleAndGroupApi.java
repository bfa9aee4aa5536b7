package io.github.qstashspring.broker.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.message.BrokerException;
import io.github.qstashspring.broker.message.RequestHeaders;
import io.github.qstashspring.broker.message.UrlGroups;
import io.github.qstashspring.broker.schedule.ScheduleService;
import io.github.qstashspring.broker.store.StoredUrlGroup;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v2/schedules} and {@code /v2/topics} (URL groups). Pause and resume of
 * schedules accept {@code POST} (QStash's documentation) and {@code PATCH} (what the SDKs
 * send).
 */
final class ScheduleAndGroupApi {

    private final ScheduleService schedules;

    private final UrlGroups urlGroups;

    private final JsonMapper json;

    private final long maxBodySize;

    ScheduleAndGroupApi(ScheduleService schedules, UrlGroups urlGroups, JsonMapper json, long maxBodySize) {
        this.schedules = schedules;
        this.urlGroups = urlGroups;
        this.json = json;
        this.maxBodySize = maxBodySize;
    }

    void schedules(HttpServletRequest request, HttpServletResponse response, QueryParameters query, String method,
            RawPath raw) throws IOException {
        if (raw.size() == 2) {
            BrokerApi.requireMethod(method, "GET");
            write(response, this.schedules.list().stream().map(JsonViews::schedule).toList());
            return;
        }
        String id = raw.decoded(2);
        if (isPauseOrResume(raw)) {
            if (!method.equals("POST") && !method.equals("PATCH")) {
                throw new BrokerException(405, "method " + method + " not allowed here");
            }
            this.schedules.setPaused(id, raw.lower(3).equals("pause"));
            response.setStatus(200);
            return;
        }
        if (method.equals("POST")) {
            create(request, response, query, raw.remainderAfter(2));
            return;
        }
        if (raw.size() != 3) {
            throw BrokerException.notFound("not found: " + request.getRequestURI());
        }
        if (method.equals("GET")) {
            write(response, JsonViews.schedule(this.schedules.get(id)));
            return;
        }
        BrokerApi.requireMethod(method, "DELETE");
        this.schedules.delete(id);
        response.setStatus(200);
    }

    private static boolean isPauseOrResume(RawPath raw) {
        return raw.size() == 4 && (raw.lower(3).equals("pause") || raw.lower(3).equals("resume"))
                && !raw.lower(2).startsWith("http");
    }

    private void create(HttpServletRequest request, HttpServletResponse response, QueryParameters query,
            String rawDestination) throws IOException {
        String destination = rawDestination;
        String destinationQuery = query.destinationQuery();
        if (!destinationQuery.isEmpty()) {
            destination = destination + "?" + destinationQuery;
        }
        BrokerApi.checkDestination(destination);
        RequestHeaders headers = BrokerApi.headersOf(request);
        for (String[] parameter : query.configuration()) {
            headers.addIfAbsent(parameter[0], parameter[1]);
        }
        byte[] body = BrokerApi.readBody(request, this.maxBodySize);
        String id = this.schedules.upsert(destination, headers, body, request.getRemoteAddr());
        write(response, Map.of("scheduleId", id));
    }

    void topics(HttpServletRequest request, HttpServletResponse response, String method, RawPath raw)
            throws IOException {
        if (raw.size() == 2) {
            BrokerApi.requireMethod(method, "GET");
            write(response, this.urlGroups.list().stream().map(JsonViews::urlGroup).toList());
            return;
        }
        String name = raw.decoded(2);
        if (raw.size() == 4 && raw.lower(3).equals("endpoints")) {
            List<StoredUrlGroup.Endpoint> endpoints = endpoints(request, method.equals("POST"));
            if (method.equals("POST")) {
                this.urlGroups.addEndpoints(name, endpoints);
            }
            else {
                BrokerApi.requireMethod(method, "DELETE");
                this.urlGroups.removeEndpoints(name, endpoints);
            }
            response.setStatus(200);
            return;
        }
        if (raw.size() != 3) {
            throw BrokerException.notFound("not found: " + request.getRequestURI());
        }
        if (method.equals("GET")) {
            write(response, JsonViews.urlGroup(this.urlGroups.get(name)));
            return;
        }
        BrokerApi.requireMethod(method, "DELETE");
        this.urlGroups.delete(name);
        response.setStatus(200);
    }

    private List<StoredUrlGroup.Endpoint> endpoints(HttpServletRequest request, boolean urlRequired)
            throws IOException {
        byte[] body = BrokerApi.readBody(request, this.maxBodySize);
        JsonNode root = (body.length > 0) ? this.json.readTree(body) : null;
        JsonNode items = (root != null) ? root.get("endpoints") : null;
        if (items == null || !items.isArray()) {
            throw BrokerException.badRequest("body must be {\"endpoints\":[{\"url\":\"...\",\"name\":\"...\"}]}");
        }
        List<StoredUrlGroup.Endpoint> endpoints = new ArrayList<>();
        for (JsonNode item : items) {
            String url = BrokerApi.text(item.get("url"));
            String name = BrokerApi.text(item.get("name"));
            if ((urlRequired && url == null) || (url == null && name == null)) {
                throw BrokerException
                    .badRequest(urlRequired ? "each endpoint needs a url" : "each endpoint needs a name or url");
            }
            endpoints.add(new StoredUrlGroup.Endpoint(name, (url != null) ? url : ""));
        }
        return endpoints;
    }

    private void write(HttpServletResponse response, Object body) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        this.json.writeValue(response.getOutputStream(), body);
    }

}
