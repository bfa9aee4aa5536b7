package io.github.qstashspring.broker;

import java.util.Map;

import io.github.qstashspring.broker.dashboard.DashboardServlet;
import io.github.qstashspring.broker.delivery.Dispatcher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The standalone broker: {@code java -jar qstash-embedded-broker-<version>-exec.jar}.
 * Listens on {@code 127.0.0.1}, port 8080, with QStash's official local-development token
 * and signing keys unless {@code qstash.embedded.*} says otherwise (command line
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
                "${qstash.embedded.port:${QSTASH_DEV_PORT:8080}}", "server.address",
                "${qstash.embedded.address:127.0.0.1}", "qstash.embedded.development-credentials", "true",
                "server.tomcat.max-swallow-size", "${qstash.embedded.max-swallow-size:2MB}", "spring.main.banner-mode",
                "off"));
        application.addListeners((ApplicationReadyEvent event) -> announce(event));
        application.run(args);
    }

    private static void announce(ApplicationReadyEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        QStashBrokerProperties properties = context.getBean(QStashBrokerProperties.class);
        BrokerAddress address = context.getBean(BrokerAddress.class);
        BrokerCredentials credentials = context.getBean(BrokerCredentials.class);
        Dispatcher dispatcher = context.getBean(Dispatcher.class);
        String url = address.url(port);
        StringBuilder text = new StringBuilder("QStash broker is running at " + url + "\n");
        text.append("  Listening on ").append(address.describe()).append(", port ").append(port).append('\n');
        text.append("  QSTASH_URL=").append(url).append('\n');
        if (properties.getDashboard().isEnabled()) {
            text.append("  Dashboard: ").append(url).append(DashboardServlet.PATH).append("/\n");
        }
        // Only QStash's public development values are printed: a configured or generated
        // secret never is.
        if (credentials.isDevelopmentToken()) {
            text.append("  QSTASH_TOKEN=").append(QStashBrokerProperties.DEV_TOKEN).append('\n');
        }
        if (BrokerCredentials.isDevelopmentKey(dispatcher.currentSigningKey())) {
            text.append("  QSTASH_CURRENT_SIGNING_KEY=").append(dispatcher.currentSigningKey()).append('\n');
        }
        if (BrokerCredentials.isDevelopmentKey(dispatcher.nextSigningKey())) {
            text.append("  QSTASH_NEXT_SIGNING_KEY=").append(dispatcher.nextSigningKey()).append('\n');
        }
        System.out.print(text);
        System.out.flush();
    }

}
