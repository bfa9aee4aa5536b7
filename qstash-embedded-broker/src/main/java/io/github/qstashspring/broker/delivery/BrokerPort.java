package io.github.qstashspring.broker.delivery;

import java.util.function.IntSupplier;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The port of the broker's own API, known once its web server started: deliveries to it
 * are refused ({@link DestinationPolicy}).
 */
final class BrokerPort implements ApplicationListener<WebServerInitializedEvent>, IntSupplier {

    private volatile int port;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        this.port = event.getWebServer().getPort();
    }

    @Override
    public int getAsInt() {
        return this.port;
    }

}
