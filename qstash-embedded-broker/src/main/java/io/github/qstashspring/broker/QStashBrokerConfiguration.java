package io.github.qstashspring.broker;

import java.io.IOException;
import java.time.Clock;

import io.github.qstashspring.broker.api.ApiTokens;
import io.github.qstashspring.broker.api.BrokerApi;
import io.github.qstashspring.broker.api.RequestLimits;
import io.github.qstashspring.broker.dashboard.DashboardServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import io.github.qstashspring.broker.delivery.DeliveryConfiguration;
import io.github.qstashspring.broker.delivery.DeliveryDispatcher;
import io.github.qstashspring.broker.message.DeadLetterQueue;
import io.github.qstashspring.broker.message.Deduplicator;
import io.github.qstashspring.broker.message.LogQuery;
import io.github.qstashspring.broker.message.LogRecorder;
import io.github.qstashspring.broker.message.MessageFactory;
import io.github.qstashspring.broker.message.MessageOperations;
import io.github.qstashspring.broker.message.PublishOptionsParser;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.message.QueueTurns;
import io.github.qstashspring.broker.flow.FlowControl;
import io.github.qstashspring.broker.message.Queues;
import io.github.qstashspring.broker.message.SigningKeys;
import io.github.qstashspring.broker.message.UrlGroups;
import io.github.qstashspring.broker.schedule.ScheduleService;
import io.github.qstashspring.broker.schedule.ScheduleTicker;
import io.github.qstashspring.broker.schedule.TickerWakeUp;
import io.github.qstashspring.broker.store.ScheduleStore;
import io.github.qstashspring.broker.store.UrlGroupStore;
import org.springframework.jdbc.core.JdbcTemplate;
import io.github.qstashspring.broker.store.BatchedWrites;
import io.github.qstashspring.broker.store.BrokerStoreConfiguration;
import io.github.qstashspring.broker.store.DedupStore;
import io.github.qstashspring.broker.store.LogRepository;
import io.github.qstashspring.broker.store.GroupCommit;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageRows;
import io.github.qstashspring.broker.store.QueueRepository;
import io.github.qstashspring.broker.store.SigningKeysRepository;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker's application context: exactly the embedded Tomcat server, the broker's own
 * persistence, its services, the dispatcher, the API servlet and the dashboard. It
 * imports no other auto-configuration, so nothing of a host application (MVC setup,
 * security, DataSource) reaches it. Used by {@link QStashBrokerApplication} and by
 * {@link EmbeddedQStashBroker}.
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
@ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
@EnableConfigurationProperties
@Import({ BrokerStoreConfiguration.class, DeliveryConfiguration.class })
public class QStashBrokerConfiguration {

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
    JsonMapper brokerJsonMapper() {
        return JsonMapper.builder().build();
    }

    @Bean
    LogRecorder logRecorder(BatchedWrites batchedWrites) {
        return new LogRecorder(batchedWrites);
    }

    @Bean
    QueueTurns queueTurns(QueueRepository queues, MessageRepository messages) {
        return new QueueTurns(queues, messages);
    }

    @Bean
    SigningKeys signingKeys(TransactionTemplate brokerTransactionTemplate, SigningKeysRepository repository,
            QStashBrokerProperties properties) {
        // Signatures carry real time: receivers check them against their own clock, even
        // when tests
        // move the broker's scheduling clock.
        return new SigningKeys(brokerTransactionTemplate, repository, properties.getCurrentSigningKey(),
                properties.getNextSigningKey(), Clock.systemUTC());
    }

    @Bean
    PublishService publishService(GroupCommit groupCommit, MessageRows messageRows, BatchedWrites batchedWrites,
            JdbcTemplate brokerJdbcTemplate, QueueTurns queueTurns, LogRecorder logRecorder,
            DeliveryDispatcher dispatcher, UrlGroups urlGroups, FlowControl flowControl,
            QStashBrokerProperties properties, Clock brokerClock) {
        QStashBrokerProperties.Delivery delivery = properties.getDelivery();
        return new PublishService(groupCommit, messageRows, batchedWrites,
                new MessageFactory(delivery.getDefaultRetries(), delivery.getTimeout()),
                new Deduplicator(new DedupStore(brokerJdbcTemplate), properties.getDeduplicationWindow()), queueTurns,
                logRecorder, dispatcher, urlGroups, flowControl, brokerClock);
    }

    @Bean
    Queues queues(TransactionTemplate brokerTransactionTemplate, QueueRepository queueRepository,
            MessageRepository messages, QueueTurns queueTurns, LogRecorder logRecorder, DeliveryDispatcher dispatcher,
            Clock brokerClock) {
        return new Queues(brokerTransactionTemplate, queueRepository, messages, queueTurns, logRecorder, dispatcher,
                brokerClock);
    }

    @Bean
    PublishOptionsParser publishOptionsParser(QStashBrokerProperties properties) {
        return new PublishOptionsParser(properties.getDelivery().getMaxRetries());
    }

    @Bean
    UrlGroups urlGroups(TransactionTemplate brokerTransactionTemplate, JdbcTemplate brokerJdbcTemplate,
            JsonMapper brokerJsonMapper, Clock brokerClock) {
        return new UrlGroups(brokerTransactionTemplate, new UrlGroupStore(brokerJdbcTemplate, brokerJsonMapper),
                brokerClock);
    }

    @Bean
    TickerWakeUp tickerWakeUp() {
        return new TickerWakeUp();
    }

    @Bean
    ScheduleService scheduleService(TransactionTemplate brokerTransactionTemplate, JdbcTemplate brokerJdbcTemplate,
            JsonMapper brokerJsonMapper, MessageRepository messages, PublishService publishService,
            PublishOptionsParser publishOptionsParser, QStashBrokerProperties properties, Clock brokerClock,
            TickerWakeUp tickerWakeUp) {
        return new ScheduleService(brokerTransactionTemplate, new ScheduleStore(brokerJdbcTemplate, brokerJsonMapper),
                messages, publishService, publishOptionsParser, properties.getDelivery().getDefaultRetries(),
                brokerClock, tickerWakeUp);
    }

    @Bean
    ScheduleTicker scheduleTicker(ScheduleService scheduleService, TickerWakeUp tickerWakeUp,
            QStashBrokerProperties properties, Clock brokerClock) {
        return new ScheduleTicker(scheduleService, tickerWakeUp, brokerClock,
                properties.getDelivery().getPollInterval());
    }

    @Bean
    MessageOperations messageOperations(TransactionTemplate brokerTransactionTemplate, MessageRepository messages,
            QueueTurns queueTurns, LogRecorder logRecorder, DeliveryDispatcher dispatcher, Clock brokerClock) {
        return new MessageOperations(brokerTransactionTemplate, messages, queueTurns, logRecorder, dispatcher,
                brokerClock);
    }

    @Bean
    DeadLetterQueue deadLetterQueue(TransactionTemplate brokerTransactionTemplate, MessageRepository messages,
            PublishService publishService, DeliveryDispatcher dispatcher, Clock brokerClock) {
        return new DeadLetterQueue(brokerTransactionTemplate, messages, publishService, dispatcher, brokerClock);
    }

    @Bean
    LogQuery logQuery(TransactionTemplate brokerTransactionTemplate, LogRepository logs) {
        return new LogQuery(brokerTransactionTemplate, logs);
    }

    @Bean
    BrokerApi brokerApi(PublishService publishService, MessageOperations messageOperations,
            DeadLetterQueue deadLetterQueue, LogQuery logQuery, SigningKeys signingKeys,
            PublishOptionsParser publishOptionsParser, ScheduleService scheduleService, UrlGroups urlGroups,
            Queues queues, FlowControl flowControl, JsonMapper brokerJsonMapper, QStashBrokerProperties properties,
            Clock brokerClock) {
        long maxBody = properties.getMaxBodySize().toBytes();
        return new BrokerApi(publishService, messageOperations, deadLetterQueue, logQuery, signingKeys,
                publishOptionsParser, scheduleService, urlGroups, queues, flowControl,
                properties.getDelivery().getConcurrency(), brokerJsonMapper,
                new ApiTokens(properties.getToken(), properties.getReadOnlyToken()),
                new RequestLimits(properties.getLimits().getDailyMessages(),
                        properties.getLimits().getBurstRequestsPerSecond(), brokerClock),
                maxBody, Math.max(maxBody, properties.getMaxBatchSize().toBytes()));
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

    @Bean
    ServletRegistrationBean<HttpServlet> brokerApiServletRegistration(ObjectProvider<BrokerApi> api,
            DashboardServlet dashboard, QStashBrokerProperties properties) {
        boolean dashboardEnabled = properties.getDashboard().isEnabled();
        // The API (and with it the database pool and the dispatcher) is created after the
        // web server
        // is initialised, not while Tomcat registers servlets, so that its threads are
        // not owned by
        // the web application's class loader.
        HttpServlet servlet = new HttpServlet() {

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (dashboardEnabled && DashboardServlet.isDashboardPath(request)) {
                    // A dashboard path that Tomcat normalised out of /dashboard/
                    // ("/dashboard/../v2/logs"):
                    // the dashboard answers it (not found), never the API.
                    dashboard.handle(request, response);
                    return;
                }
                api.getObject().handle(request, response);
            }
        };
        ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, "/*");
        registration.setName("qstashBrokerApi");
        return registration;
    }

}
