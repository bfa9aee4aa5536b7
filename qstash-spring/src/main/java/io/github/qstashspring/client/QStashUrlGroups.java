package io.github.qstashspring.client;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;

/**
 * URL groups (QStash's "topics", path {@code /v2/topics}): named sets of endpoints a
 * message fans out to. Obtained from {@link QStashOperations#urlGroups()}.
 */
public final class QStashUrlGroups {

    private final QStashHttp http;

    QStashUrlGroups(QStashHttp http) {
        this.http = http;
    }

    /**
     * Adds (or updates) endpoints, creating the group if needed:
     * {@code POST /v2/topics/<name>/endpoints} with
     * {@code {"endpoints":[{"name":..,"url":..}]}}.
     * @param urlGroup the group name
     * @param endpoints the endpoints
     */
    public void addEndpoints(String urlGroup, List<Endpoint> endpoints) {
        this.http.send(endpointsCall("urlGroups.addEndpoints", HttpMethod.POST, urlGroup, endpoints));
    }

    /**
     * Adds (or updates) endpoints, creating the group if needed.
     * @param urlGroup the group name
     * @param endpoints the endpoints
     */
    public void addEndpoints(String urlGroup, Endpoint... endpoints) {
        addEndpoints(urlGroup, List.of(endpoints));
    }

    /**
     * Removes endpoints, identified by name or URL:
     * {@code DELETE /v2/topics/<name>/endpoints} with a JSON body. Removing the last
     * endpoint deletes the group.
     * @param urlGroup the group name
     * @param endpoints the endpoints
     */
    public void removeEndpoints(String urlGroup, List<Endpoint> endpoints) {
        this.http.send(endpointsCall("urlGroups.removeEndpoints", HttpMethod.DELETE, urlGroup, endpoints));
    }

    /**
     * Removes endpoints, identified by name or URL.
     * @param urlGroup the group name
     * @param endpoints the endpoints
     */
    public void removeEndpoints(String urlGroup, Endpoint... endpoints) {
        removeEndpoints(urlGroup, List.of(endpoints));
    }

    /**
     * Reads a URL group: {@code GET /v2/topics/<name>}.
     * @param urlGroup the group name
     * @return the group and its endpoints
     * @throws QStashApiException with status 404 when there is none
     */
    public UrlGroup get(String urlGroup) {
        return this.http.read(ApiRequest.of("urlGroups.get", HttpMethod.GET, path(urlGroup)), UrlGroup.class);
    }

    /**
     * Lists all URL groups: {@code GET /v2/topics}.
     * @return the groups
     */
    public List<UrlGroup> list() {
        return this.http.readList(ApiRequest.of("urlGroups.list", HttpMethod.GET, "/v2/topics"), UrlGroup.class);
    }

    /**
     * Deletes a URL group: {@code DELETE /v2/topics/<name>}.
     * @param urlGroup the group name
     */
    public void delete(String urlGroup) {
        this.http.send(ApiRequest.of("urlGroups.delete", HttpMethod.DELETE, path(urlGroup)));
    }

    private ApiRequest endpointsCall(String operation, HttpMethod method, String urlGroup, List<Endpoint> endpoints) {
        ApiRequest request = ApiRequest.of(operation, method, path(urlGroup) + "/endpoints")
            .destination(DestinationKind.URL_GROUP, urlGroup);
        return this.http.withJson(request, Map.of("endpoints", endpoints));
    }

    private static String path(String urlGroup) {
        return "/v2/topics/" + ApiRequest.segment(urlGroup);
    }

}
