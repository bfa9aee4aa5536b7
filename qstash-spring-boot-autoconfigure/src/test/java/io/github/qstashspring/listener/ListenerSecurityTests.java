package io.github.qstashspring.listener;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security and Spring Boot's default chain (every request needs a login, CSRF
 * protection on), listener and {@code @QStashVerified} paths are reachable without login
 * or CSRF token, while the rest of the application stays protected exactly as before.
 */
@ListenerIntegrationTest
class ListenerSecurityTests extends ListenerIntegrationTestSupport {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void listenerIsReachableWithoutLoginOrCsrfToken() throws Exception {
        Transport.Reply reply = signedPost("/hooks/text", "hi");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().containsHeader("Set-Cookie")).isFalse();
    }

    @Test
    void verifiedControllerIsReachableWithoutLoginOrCsrfToken() throws Exception {
        assertThat(signedPost("/webhooks/echo", "hi").status()).isEqualTo(200);
    }

    @Test
    void forgedRequestToAListenerIsStillRejectedByTheSignatureCheck() throws Exception {
        Transport.Reply reply = Transport.HTTP.post(targets(), "/hooks/text", Deliveries.utf8("hi"),
                Map.of("Content-Type", "text/plain"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text()).contains("Invalid Upstash-Signature");
    }

    @Test
    void otherPathsStillRequireLogin() throws Exception {
        assertThat(get("/app/hello", null).statusCode()).isEqualTo(401);
        assertThat(Transport.HTTP.post(targets(), "/app/hello", new byte[0], Map.of()).status()).isEqualTo(401);
    }

    @Test
    void otherPathsStillRejectPostsWithoutCsrfTokenEvenWhenLoggedIn() throws Exception {
        HttpResponse<String> get = get("/app/hello", basic("admin", "secret"));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello");
        Transport.Reply post = Transport.HTTP.post(targets(), "/app/hello", new byte[0],
                Map.of("Authorization", basic("admin", "secret")));
        assertThat(post.status()).isIn(401, 403);
        assertThat(this.invocations.of("app-post")).isEmpty();
    }

    @Test
    void getOnAListenerPathIsNotExemptedFromLogin() throws Exception {
        assertThat(get("/hooks/text", null).statusCode()).isEqualTo(401);
    }

    private Transport.Reply signedPost(String path, String body) throws Exception {
        byte[] bytes = Deliveries.utf8(body);
        String url = Transport.HTTP.baseUrl(targets()) + path;
        return Transport.HTTP.post(targets(), path, bytes, Deliveries.signed(url, bytes, "text/plain"));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

}
