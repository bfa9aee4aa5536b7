package io.github.qstashspring.broker;

import java.time.Clock;
import java.util.List;

import io.github.qstashspring.broker.api.ApiConfiguration;
import io.github.qstashspring.broker.dashboard.DashboardServlet;
import io.github.qstashspring.broker.delivery.DeliveryConfiguration;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.flow.FlowConfiguration;
import io.github.qstashspring.broker.message.MessageConfiguration;
import io.github.qstashspring.broker.schedule.ScheduleConfiguration;
import io.github.qstashspring.broker.workflow.WorkflowConfiguration;
import io.github.qstashspring.broker.store.BrokerStoreConfiguration;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker's application context: exactly the embedded Tomcat server and the
 * configuration of each package of the broker (its store, delivery, API, messages, queues
 * and flow control, schedules), each package reading its settings record, made here from
 * {@link QStashBrokerProperties}. It imports no other auto-configuration, so nothing of a
 * host application (MVC setup, security, DataSource) reaches it. Used by
 * {@link QStashBrokerApplication} and by {@link EmbeddedQStashBroker}.
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
@ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
@EnableConfigurationProperties
@Import({ BrokerStoreConfiguration.class, DeliveryConfiguration.class, ApiConfiguration.class,
        MessageConfiguration.class, FlowConfiguration.class, ScheduleConfiguration.class, WorkflowConfiguration.class,
        BrokerMetricsConfiguration.class })
class QStashBrokerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    QStashBrokerProperties qstashBrokerProperties() {
        return new QStashBrokerProperties();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock brokerClock() {
        return Clock.systemUTC();
    }

    @Bean
    BrokerCredentials brokerCredentials(QStashBrokerProperties properties, ResourceStore resourceStore) {
        return BrokerCredentials.of(properties, resourceStore);
    }

    @Bean
    BrokerAddress brokerAddress(Environment environment) {
        return BrokerAddress.of(environment);
    }

    /**
     * Checks, once every bean is ready and before the web server accepts connections,
     * that the public development credentials stay off the network.
     */
    @Bean
    SmartInitializingSingleton brokerCredentialsCheck(BrokerAddress brokerAddress, BrokerCredentials brokerCredentials,
            Dispatcher dispatcher, QStashBrokerProperties properties) {
        return () -> brokerAddress.checkCredentials(brokerCredentials, dispatcher.currentSigningKey(),
                dispatcher.nextSigningKey(), properties.isAllowDevelopmentCredentialsOnNetwork());
    }

    @Bean
    JsonMapper brokerJsonMapper() {
        return JsonMapper.builder().build();
    }

    @Bean
    BrokerStoreConfiguration.Settings brokerStoreSettings(QStashBrokerProperties properties) {
        QStashBrokerProperties.Database database = properties.getDatabase();
        return new BrokerStoreConfiguration.Settings(database.getUrl(), database.getUsername(), database.getPassword(),
                database.getMaxPoolSize());
    }

    @Bean
    DeliveryConfiguration.Settings brokerDeliverySettings(QStashBrokerProperties properties,
            BrokerCredentials brokerCredentials) {
        QStashBrokerProperties.Delivery delivery = properties.getDelivery();
        return new DeliveryConfiguration.Settings(delivery.getConcurrency(), delivery.getPollInterval(),
                delivery.getTimeout(), delivery.getConnectTimeout(), delivery.getLeaseMargin(), delivery.getBatchSize(),
                (int) properties.getMaxBodySize().toBytes(), delivery.getRegion(), properties.getLogRetention(),
                brokerCredentials.currentSigningKey(), brokerCredentials.nextSigningKey(),
                delivery.getHeartbeatInterval(), delivery.getInstanceTimeout(), delivery.getShutdownTimeout(),
                delivery.getMaxPerHost(), destinations(delivery.getDestinations()));
    }

    private static DeliveryConfiguration.Destinations destinations(QStashBrokerProperties.Delivery.Destinations from) {
        return new DeliveryConfiguration.Destinations(DeliveryConfiguration.Destinations.isProduction(from.getPreset()),
                from.getAllowHosts(), from.getDenyHosts(), from.getAllowNetworks(), from.getDenyNetworks());
    }

    @Bean
    ApiConfiguration.Settings brokerApiSettings(QStashBrokerProperties properties,
            BrokerCredentials brokerCredentials) {
        return new ApiConfiguration.Settings(brokerCredentials.token(), properties.getReadOnlyToken(),
                properties.getLimits().getDailyMessages(), properties.getLimits().getBurstRequestsPerSecond(),
                properties.getMaxBodySize().toBytes(), properties.getMaxBatchSize().toBytes(),
                properties.getDashboard().isEnabled(), properties.getAddress(), properties.getAllowedHosts());
    }

    @Bean
    MessageConfiguration.Settings brokerMessageSettings(QStashBrokerProperties properties,
            BrokerCredentials brokerCredentials) {
        QStashBrokerProperties.Delivery delivery = properties.getDelivery();
        QStashBrokerProperties.Limits limits = properties.getLimits();
        return new MessageConfiguration.Settings(delivery.getDefaultRetries(), delivery.getMaxRetries(),
                delivery.getTimeout(), properties.getDeduplicationWindow(), limits.getMaxDelay(),
                limits.getMaxFlowControlPeriod(), limits.getMaxBatchMessages(), limits.getMaxUrlGroupEndpoints(),
                brokerCredentials.redactionKey(), List.copyOf(properties.getReadOnlyRedactedHeaders()));
    }

    @Bean
    FlowConfiguration.Settings brokerFlowSettings(QStashBrokerProperties properties) {
        return new FlowConfiguration.Settings(properties.getLimits().getMaxFlowControlPeriod());
    }

    @Bean
    BrokerMonitor brokerMonitor(MessageStore messageStore, Dispatcher dispatcher, Clock brokerClock) {
        return new BrokerMonitor(messageStore, dispatcher, brokerClock, BrokerMonitor.MAX_AGE);
    }

    @Bean
    DashboardServlet dashboardServlet() {
        return new DashboardServlet();
    }

    @Bean
    ServletRegistrationBean<DashboardServlet> dashboardServletRegistration(DashboardServlet dashboard,
            QStashBrokerProperties properties) {
        ServletRegistrationBean<DashboardServlet> registration = new ServletRegistrationBean<>(dashboard,
                DashboardServlet.PATH + "/*");
        registration.setName("qstashBrokerDashboard");
        registration.setEnabled(properties.getDashboard().isEnabled());
        return registration;
    }

}
