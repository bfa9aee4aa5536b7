package io.github.qstashspring.broker.api;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The QStash {@code /v2} API: a route table from the first segment after {@code /v2/} to
 * the {@link ApiResource} that answers it. Routes on the raw request target, so a
 * destination URL in the path keeps its {@code //} and encoding; fixed path segments
 * match case-insensitively. Requests of browsers on other sites are refused first (see
 * {@link BrowserGuard}); every request needs the token ({@code Authorization: Bearer} or
 * {@code qstash_token}), or the read-only token for reads (see {@link ApiTokens}); errors
 * are {@code {"error":"..."}}.
 */
final class ApiRouter {

    private static final Log logger = LogFactory.getLog(ApiRouter.class);

    private final Map<String, ApiResource> routes = new HashMap<>();

    private final BrowserGuard browsers;

    private final ApiTokens tokens;

    private final RequestLimits limits;

    private final JsonMapper json;

    private final long maxBodySize;

    private final long maxBatchSize;

    ApiRouter(List<ApiResource> resources, BrowserGuard browsers, ApiTokens tokens, RequestLimits limits,
            JsonMapper json, long maxBodySize, long maxBatchSize) {
        for (ApiResource resource : resources) {
            for (String name : resource.names()) {
                ApiResource other = this.routes.putIfAbsent(name, resource);
                if (other != null) {
                    throw new IllegalStateException(
                            "/v2/" + name + " is answered by both " + other + " and " + resource);
                }
            }
        }
        this.browsers = browsers;
        this.tokens = tokens;
        this.limits = limits;
        this.json = json;
        this.maxBodySize = maxBodySize;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Answers one API request.
     * @param request the request
     * @param response the response
     * @throws IOException when the client connection fails
     */
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            this.browsers.check(request);
            QueryParameters query = new QueryParameters(request.getQueryString());
            RawPath path = new RawPath(request.getRequestURI());
            String name = (path.size() > 1) ? path.lower(1) : "";
            // A workflow webhook is called by third parties, who have no token: its URL
            // (run id and event id) is its secret, as on QStash.
            boolean webhook = name.equals("workflows") && path.size() > 2 && path.lower(2).equals("hooks");
            boolean readOnly = !webhook
                    && this.tokens.check(request, query, request.getMethod().toUpperCase(Locale.ROOT), name);
            ApiResource resource = this.routes.get(name);
            if (resource == null || !resource.publishes()) {
                this.limits.admitRequest();
            }
            if (resource == null || !path.segmentIs(0, "v2")) {
                throw BrokerException.notFound("not found: " + request.getRequestURI());
            }
            resource.handle(new ApiExchange(request, response, path, query, this.json, this.limits, this.maxBodySize,
                    this.maxBatchSize, readOnly));
        }
        catch (BrokerException ex) {
            error(response, ex.getStatus(), ex.getMessage(), ex.getHeaders());
        }
        catch (JacksonException ex) {
            error(response, 400, "invalid JSON body: " + ex.getOriginalMessage(), Map.of());
        }
        catch (RuntimeException ex) {
            logger.error("Request " + request.getMethod() + " " + request.getRequestURI() + " failed", ex);
            error(response, 500, "internal error: " + ex.getClass().getSimpleName(), Map.of());
        }
    }

    private void error(HttpServletResponse response, int status, @Nullable String message, Map<String, String> headers)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        headers.forEach(response::setHeader);
        response.setStatus(status);
        response.setContentType("application/json");
        this.json.writeValue(response.getOutputStream(), Map.of("error", (message != null) ? message : "error"));
    }

}
