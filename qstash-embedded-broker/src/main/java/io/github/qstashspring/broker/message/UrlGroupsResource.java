package io.github.qstashspring.broker.message;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.store.ResourceStore.UrlGroup;
import tools.jackson.databind.JsonNode;

import static io.github.qstashspring.broker.api.ApiJson.text;

/**
 * {@code /v2/topics} (URL groups): list, read, delete, and add or remove endpoints.
 */
final class UrlGroupsResource implements ApiResource {

    private final UrlGroups urlGroups;

    UrlGroupsResource(UrlGroups urlGroups) {
        this.urlGroups = urlGroups;
    }

    @Override
    public List<String> names() {
        return List.of("topics");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        if (exchange.segments() == 2) {
            exchange.requireMethod("GET");
            exchange.respond(200, this.urlGroups.list().stream().map(JsonViews::urlGroup).toList());
            return;
        }
        String name = exchange.decodedSegment(2);
        if (exchange.segments() == 4 && exchange.segment(3).equals("endpoints")) {
            boolean add = exchange.method().equals("POST");
            List<UrlGroup.Endpoint> endpoints = endpoints(exchange, add);
            if (add) {
                this.urlGroups.addEndpoints(name, endpoints);
            }
            else {
                exchange.requireMethod("DELETE");
                this.urlGroups.removeEndpoints(name, endpoints);
            }
            exchange.respond(200);
            return;
        }
        if (exchange.segments() != 3) {
            throw exchange.notFound();
        }
        if (exchange.method().equals("GET")) {
            exchange.respond(200, JsonViews.urlGroup(this.urlGroups.get(name)));
            return;
        }
        exchange.requireMethod("DELETE");
        this.urlGroups.delete(name);
        exchange.respond(200);
    }

    private static List<UrlGroup.Endpoint> endpoints(ApiExchange exchange, boolean urlRequired) throws IOException {
        JsonNode root = exchange.json(exchange.body());
        JsonNode items = (root != null) ? root.get("endpoints") : null;
        if (items == null || !items.isArray()) {
            throw BrokerException.badRequest("body must be {\"endpoints\":[{\"url\":\"...\",\"name\":\"...\"}]}");
        }
        List<UrlGroup.Endpoint> endpoints = new ArrayList<>();
        for (JsonNode item : items) {
            String url = text(item.get("url"));
            String name = text(item.get("name"));
            if ((urlRequired && url == null) || (url == null && name == null)) {
                throw BrokerException
                    .badRequest(urlRequired ? "each endpoint needs a url" : "each endpoint needs a name or url");
            }
            endpoints.add(new UrlGroup.Endpoint(name, (url != null) ? url : ""));
        }
        return endpoints;
    }

}
