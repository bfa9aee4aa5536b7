package io.github.qstashspring.broker.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.qstashspring.broker.EmbeddedQStashBroker;
import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.broker.support.RawHttp;
import io.github.qstashspring.broker.support.RawHttp.Response;
import io.github.qstashspring.broker.support.TestBrokers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's files over real HTTP, without a token: their content types and security
 * headers, the redirect, the allow-list (unknown names and traversal attempts are not
 * found and never answered by the API), the methods, and the property that turns it off.
 * Requests are written to a socket byte for byte, so that no client normalises the paths
 * under test.
 */
class DashboardServletTests {

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    private EmbeddedQStashBroker broker;

    @BeforeEach
    void startBroker() {
        this.broker = this.brokers.start((properties) -> {
        });
    }

    @Test
    void pageAndAssetsAreServedWithTheirContentTypesAndSecurityHeadersWithoutAToken() throws IOException {
        Map<String, String> types = Map.of("/dashboard/", "text/html", "/dashboard/index.html", "text/html",
                "/dashboard/dashboard.js", "text/javascript", "/dashboard/dashboard-api.js", "text/javascript",
                "/dashboard/dashboard-dom.js", "text/javascript", "/dashboard/dashboard-chart.js", "text/javascript",
                "/dashboard/dashboard.css", "text/css", "/dashboard/favicon.svg", "image/svg+xml");
        for (Map.Entry<String, String> expected : types.entrySet()) {
            Response response = request(this.broker, "GET", expected.getKey());
            assertThat(response.status()).as(expected.getKey()).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(expected.getKey())
                .isEqualToIgnoringCase(expected.getValue() + ";charset=UTF-8");
            assertSecurityHeaders(response);
            assertThat(response.body()).isNotBlank();
        }
        String page = request(this.broker, "GET", "/dashboard/").body();
        assertThat(page).contains("<script type=\"module\" src=\"dashboard.js\"></script>")
            .contains("<link rel=\"stylesheet\" href=\"dashboard.css\">")
            .contains("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">")
            .doesNotContain(QStashBrokerProperties.DEV_TOKEN)
            .doesNotContainPattern("<script>|<style|\\son[a-z]+=|style=");
        assertThat(request(this.broker, "GET", "/dashboard/dashboard.js").body()).contains("from './dashboard-api.js'")
            .doesNotContain("innerHTML");
        for (String module : new String[] { "dashboard-dom.js", "dashboard-chart.js" }) {
            assertThat(request(this.broker, "GET", "/dashboard/" + module).body()).as(module)
                .doesNotContain("innerHTML", "insertAdjacentHTML")
                .doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg')")
                .contains("export function");
        }
    }

    @Test
    void contentSecurityPolicyAllowsNothingInlineAndNoFraming() throws IOException {
        String policy = request(this.broker, "GET", "/dashboard/").header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws IOException {
        Response response = request(this.broker, "HEAD", "/dashboard/dashboard.css");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/css");
        assertThat(Integer.parseInt(response.header("Content-Length"))).isEqualTo(
                request(this.broker, "GET", "/dashboard/dashboard.css").body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void dashboardWithoutSlashRedirectsToThePage() throws IOException {
        Response response = request(this.broker, "GET", "/dashboard");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/dashboard/");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/dashboard/nope.js", "/dashboard/Index.html", "/dashboard/index.html/",
            "/dashboard/index.html;x=1", "/dashboard//index.html", "/dashboard/./index.html", "/dashboard/../v2/logs",
            "/dashboard/%2e%2e/v2/logs", "/dashboard/%2e%2e/x", "/dashboard/index.html/..",
            "/dashboard/dashboard.js/../../v2/logs", "/v2/../dashboard/index.html",
            "/dashboard/io/github/qstashspring/broker/dashboard/DashboardServlet.class" })
    void unknownNamesAndTraversalAttemptsAreNotFoundAndNeverReachTheApi(String path) throws IOException {
        Response response = request(this.broker, "GET", path, "Authorization: Bearer " + this.broker.getToken());
        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.header("Content-Type")).as(path).startsWith("text/plain");
        assertSecurityHeaders(response);
        assertNeitherApiNorDashboard(path, response);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/dashboard/%2fetc%2fpasswd", "/dashboard/..%2f..%2fv2%2flogs" })
    void encodedSlashesAreRejectedBeforeAnyServlet(String path) throws IOException {
        Response response = request(this.broker, "GET", path, "Authorization: Bearer " + this.broker.getToken());
        assertThat(response.status()).as(path).isEqualTo(400);
        // Tomcat's own answer (neither the API's nor the dashboard's), in QStash's error
        // JSON like every error of the port.
        assertThat(response.json().get("error").asString()).as(path)
            .isEqualTo("Invalid URI: [The encoded slash character is not allowed]");
        assertThat(response.body()).as(path).doesNotContain("\"logs\"", "QStash broker", "import ");
    }

    private static void assertNeitherApiNorDashboard(String path, Response response) {
        assertThat(response.header("Content-Type")).as(path).doesNotContain("json");
        assertThat(response.body()).as(path).doesNotContain("\"logs\"", "\"error\"", "QStash broker", "import ");
    }

    @Test
    void otherMethodsAreNotAllowed() throws IOException {
        for (String method : new String[] { "POST", "PUT", "DELETE", "PATCH", "OPTIONS" }) {
            Response response = request(this.broker, method, "/dashboard/");
            assertThat(response.status()).as(method).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
            assertSecurityHeaders(response);
        }
    }

    @Test
    void theApiStillNeedsTheToken() throws IOException {
        Response response = request(this.broker, "GET", "/v2/logs");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\"");
        assertThat(request(this.broker, "GET", "/v2/logs", "Authorization: Bearer " + this.broker.getToken()).status())
            .isEqualTo(200);
    }

    @Test
    void disabledDashboardLeavesItsPathsToTheApi() throws IOException {
        try (EmbeddedQStashBroker disabled = this.brokers
            .start((properties) -> properties.getDashboard().setEnabled(false))) {
            Response anonymous = request(disabled, "GET", "/dashboard/");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("Content-Type")).startsWith("application/json");
            assertThat(anonymous.body()).doesNotContain("QStash broker dashboard");
            Response authenticated = request(disabled, "GET", "/dashboard/dashboard.js",
                    "Authorization: Bearer " + disabled.getToken());
            assertThat(authenticated.status()).isEqualTo(404);
            assertThat(authenticated.body()).contains("\"error\"").doesNotContain("import ");
        }
    }

    private static void assertSecurityHeaders(Response response) {
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
    }

    /** Sends one HTTP/1.1 request with the request target exactly as given. */
    private static Response request(EmbeddedQStashBroker broker, String method, String target, String... headers)
            throws IOException {
        return RawHttp.request(broker.getPort(), method, target, headers);
    }

}
