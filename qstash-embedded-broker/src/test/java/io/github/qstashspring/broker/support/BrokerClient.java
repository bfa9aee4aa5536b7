package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.qstashspring.broker.EmbeddedQStashBroker;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the broker's API over real HTTP with the broker's token. */
public final class BrokerClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String baseUrl;

    private final @Nullable String token;

    /**
     * Creates a client.
     * @param baseUrl the broker's URL
     * @param token the token, or {@code null} to send none
     */
    public BrokerClient(String baseUrl, @Nullable String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /**
     * A client of a broker's API with its token.
     * @param broker the broker
     * @return the client
     */
    public static BrokerClient of(EmbeddedQStashBroker broker) {
        return new BrokerClient(broker.getUrl(), broker.getToken());
    }

    /**
     * Sends a request.
     * @param method the method
     * @param pathAndQuery the raw path and query, e.g. {@code /v2/publish/http://x/y?z=1}
     * @param headers request headers
     * @param body the body, or {@code null}
     * @return the response
     */
    public Response send(String method, String pathAndQuery, Map<String, String> headers, byte @Nullable [] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery))
            .method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
                    : HttpRequest.BodyPublishers.noBody());
        if (this.token != null) {
            request.header("Authorization", "Bearer " + this.token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** GET. */
    public Response get(String pathAndQuery) {
        return send("GET", pathAndQuery, Map.of(), null);
    }

    /** POST with text body. */
    public Response post(String pathAndQuery, Map<String, String> headers, String body) {
        return send("POST", pathAndQuery, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** DELETE without body. */
    public Response delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, Map.of(), null);
    }

    /**
     * A response.
     *
     * @param status the status
     * @param body the body text
     * @param headers the headers
     */
    public record Response(int status, String body, HttpHeaders headers) {

        /**
         * A response without headers, to read a JSON text with {@link #json()}.
         * @param status the status
         * @param body the body text
         */
        public Response(int status, String body) {
            this(status, body, HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        /**
         * @return the body as JSON
         */
        public JsonNode json() {
            return JSON.readTree(this.body);
        }
    }

}
