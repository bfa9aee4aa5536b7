package io.github.qstashspring.sample.messaging;

import io.github.qstashspring.client.Endpoint;
import io.github.qstashspring.client.QStashOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Registers the two endpoints of the order-events URL group at startup (an upsert:
 * registering an endpoint twice keeps one), when {@code sample.order-events.enabled} is
 * on.
 */
@Component
class OrderEventsUrlGroup implements ApplicationRunner {

    private static final Logger logger = LoggerFactory.getLogger(OrderEventsUrlGroup.class);

    private final QStashOperations qstash;

    private final ListenerUrls urls;

    private final SampleProperties properties;

    OrderEventsUrlGroup(QStashOperations qstash, ListenerUrls urls, SampleProperties properties) {
        this.qstash = qstash;
        this.urls = urls;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        SampleProperties.OrderEvents orderEvents = this.properties.getOrderEvents();
        if (!orderEvents.isEnabled()) {
            logger.info("URL-group fan-out is off (sample.order-events.enabled=false)");
            return;
        }
        this.qstash.urlGroups()
            .addEndpoints(orderEvents.getUrlGroup(), Endpoint.of("billing", this.urls.of(ListenerPaths.EVENTS_BILLING)),
                    Endpoint.of("analytics", this.urls.of(ListenerPaths.EVENTS_ANALYTICS)));
        logger.info("URL group {} has the billing and analytics endpoints", orderEvents.getUrlGroup());
    }

}
