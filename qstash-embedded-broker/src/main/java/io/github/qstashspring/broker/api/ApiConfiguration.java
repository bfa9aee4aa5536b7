package io.github.qstashspring.broker.api;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import io.github.qstashspring.broker.dashboard.DashboardServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API of the broker's context: the router over every {@link ApiResource} bean, behind
 * a servlet on {@code /*}.
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
public final class ApiConfiguration {

    @Bean
    ApiRouter apiRouter(ObjectProvider<ApiResource> resources, Settings settings, JsonMapper brokerJsonMapper,
            Clock brokerClock) {
        return new ApiRouter(resources.orderedStream().toList(),
                new BrowserGuard(settings.boundAddress(), settings.allowedHosts()),
                new ApiTokens(settings.token(), settings.readOnlyToken()),
                new RequestLimits(settings.dailyMessages(), settings.burstRequestsPerSecond(), brokerClock),
                brokerJsonMapper, settings.maxBodySize(), settings.maxBatchSize());
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> brokerErrorReportCustomizer(
            JsonMapper brokerJsonMapper) {
        // After Spring Boot's own customizer, whose error report valve answers in HTML:
        // this one is added to the host's pipeline after it, so it reports first.
        return (factory) -> factory.addContextCustomizers(
                (context) -> context.getParent().getPipeline().addValve(new JsonErrorReportValve(brokerJsonMapper)));
    }

    @Bean
    ServletRegistrationBean<HttpServlet> brokerApiServletRegistration(ObjectProvider<ApiRouter> router,
            ObjectProvider<DashboardServlet> dashboard, ObjectProvider<Settings> settings) {
        // The router and the settings (and with them the database pool, which holds the
        // broker's generated token, and the dispatcher) are created after the web server
        // is initialised, not while Tomcat registers servlets, so that their threads are
        // not owned by the web application's class loader.
        HttpServlet servlet = new HttpServlet() {

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (settings.getObject().dashboardEnabled() && DashboardServlet.isDashboardPath(request)) {
                    // A dashboard path that Tomcat normalised out of /dashboard/
                    // ("/dashboard/../v2/logs"): the dashboard answers it (not found),
                    // never the API.
                    dashboard.getObject().handle(request, response);
                    return;
                }
                router.getObject().handle(request, response);
            }
        };
        ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, "/*");
        registration.setName("qstashBrokerApi");
        return registration;
    }

    /**
     * What the API accepts.
     *
     * @param token the full token
     * @param readOnlyToken the read-only token, or {@code null} for none
     * @param dailyMessages messages accepted per UTC day, or {@code null} for no limit
     * @param burstRequestsPerSecond other requests accepted per second, or {@code null}
     * for no limit
     * @param maxBodySize the largest message body
     * @param maxBatchSize the largest batch request
     * @param dashboardEnabled whether the dashboard answers its paths
     * @param boundAddress the address the API is bound to, or {@code null} for all
     * @param allowedHosts the names the broker is reached by besides the loopback names,
     * IP addresses and the bound address
     */
    public record Settings(String token, @Nullable String readOnlyToken, @Nullable Integer dailyMessages,
            @Nullable Integer burstRequestsPerSecond, long maxBodySize, long maxBatchSize, boolean dashboardEnabled,
            @Nullable String boundAddress, List<String> allowedHosts) {

        /**
         * Keeps an unmodifiable copy of the allowed hosts.
         */
        public Settings {
            allowedHosts = List.copyOf(allowedHosts);
        }

        @Override
        public String toString() {
            return "Settings[tokens hidden, dailyMessages=" + this.dailyMessages + ", burstRequestsPerSecond="
                    + this.burstRequestsPerSecond + ", maxBodySize=" + this.maxBodySize + ", maxBatchSize="
                    + this.maxBatchSize + ", dashboardEnabled=" + this.dashboardEnabled + ", boundAddress="
                    + this.boundAddress + ", allowedHosts=" + this.allowedHosts + "]";
        }

    }

}
