package io.github.qstashspring.broker;

import java.util.Map;

import io.github.qstashspring.broker.dashboard.DashboardServlet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The standalone broker: {@code java -jar qstash-embedded-broker-<version>-exec.jar}.
 * Listens on port 8080 with QStash's official local-development token and signing keys
 * unless {@code qstash.embedded.*} says otherwise (command line
 * {@code --qstash.embedded.port=9090}, environment {@code QSTASH_EMBEDDED_PORT} or, as
 * for {@code qstash dev}, {@code QSTASH_DEV_PORT}, or a {@code qstash-broker.yml} next to
 * the jar). Stores messages in {@code ./.qstash/} by default.
 */
@Import(QStashBrokerConfiguration.class)
public final class QStashBrokerApplication {

    /**
     * Runs the broker.
     * @param args Spring Boot command line arguments
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(QStashBrokerApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setDefaultProperties(Map.of("spring.config.name", "qstash-broker", "server.port",
                "${qstash.embedded.port:${QSTASH_DEV_PORT:8080}}", "server.address", "${qstash.embedded.address:}",
                "server.tomcat.max-swallow-size", "${qstash.embedded.max-swallow-size:2MB}", "spring.main.banner-mode",
                "off"));
        application.addListeners((ApplicationReadyEvent event) -> announce(event));
        application.run(args);
    }

    private static void announce(ApplicationReadyEvent event) {
        int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
        QStashBrokerProperties properties = event.getApplicationContext().getBean(QStashBrokerProperties.class);
        StringBuilder text = new StringBuilder("QStash broker is running at http://127.0.0.1:" + port + "\n");
        text.append("  QSTASH_URL=http://127.0.0.1:").append(port).append('\n');
        if (properties.getDashboard().isEnabled()) {
            text.append("  Dashboard: http://127.0.0.1:").append(port).append(DashboardServlet.PATH).append("/\n");
        }
        if (properties.getToken().equals(QStashBrokerProperties.DEV_TOKEN)) {
            // The official local-development credentials are public; configured ones are
            // never printed.
            text.append("  QSTASH_TOKEN=").append(QStashBrokerProperties.DEV_TOKEN).append('\n');
            text.append("  QSTASH_CURRENT_SIGNING_KEY=")
                .append(QStashBrokerProperties.DEV_CURRENT_SIGNING_KEY)
                .append('\n');
            text.append("  QSTASH_NEXT_SIGNING_KEY=").append(QStashBrokerProperties.DEV_NEXT_SIGNING_KEY).append('\n');
        }
        System.out.print(text);
        System.out.flush();
    }

}
