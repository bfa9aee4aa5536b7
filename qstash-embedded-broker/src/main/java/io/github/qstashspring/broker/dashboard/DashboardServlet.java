package io.github.qstashspring.broker.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the web dashboard at {@code /dashboard/}: its page, scripts and style sheet,
 * without a token (they hold no data), with a strict {@code Content-Security-Policy}.
 * {@code GET} and {@code HEAD} only; {@code /dashboard} redirects to {@code /dashboard/}.
 * <p>
 * Files are matched on the raw request URI, before the container's normalisation, against
 * a fixed list: {@code /dashboard/index.html/..} or {@code /dashboard/%2e%2e/x} are not
 * found, whatever they would normalise to. The API servlet hands such requests here too
 * (see {@link #isDashboardPath}), so that they are never answered by the API.
 */
public final class DashboardServlet extends HttpServlet {

    /** The path of the dashboard, relative to the context path. */
    public static final String PATH = "/dashboard";

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final transient DashboardAssets assets = new DashboardAssets();

    /**
     * Whether a request's raw path is the dashboard's: {@code /dashboard} or anything
     * under {@code /dashboard/}, before the container normalised it.
     * @param request the request
     * @return whether the dashboard answers it
     */
    public static boolean isDashboardPath(HttpServletRequest request) {
        String path = rawPath(request);
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    /**
     * Answers a request for the dashboard.
     * @param request the request
     * @param response the response
     * @throws IOException when the client connection fails
     */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        securityHeaders(response);
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            text(response, 405, "Method not allowed");
            return;
        }
        String path = rawPath(request);
        if (path.equals(PATH)) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath() + PATH + "/");
            return;
        }
        DashboardAssets.Asset asset = path.startsWith(PATH + "/") ? this.assets.find(path.substring(PATH.length() + 1))
                : null;
        if (asset == null) {
            text(response, 404, "Not found");
            return;
        }
        response.setStatus(200);
        response.setContentType(asset.contentType());
        response.setContentLength(asset.content().length);
        if (method.equals("GET")) {
            response.getOutputStream().write(asset.content());
        }
    }

    private static String rawPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }

    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

}
