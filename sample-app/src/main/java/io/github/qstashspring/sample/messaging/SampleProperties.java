package io.github.qstashspring.sample.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The sample's own settings, under {@code sample.*}. */
@ConfigurationProperties("sample")
public class SampleProperties {

    private final OrderEvents orderEvents = new OrderEvents();

    public OrderEvents getOrderEvents() {
        return this.orderEvents;
    }

    /** The URL-group fan-out of order events. */
    public static class OrderEvents {

        /**
         * Whether accepted orders are announced to the URL group (and the group's
         * endpoints are registered at startup).
         */
        private boolean enabled = true;

        /** Name of the URL group. */
        private String urlGroup = "order-events";

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getUrlGroup() {
            return this.urlGroup;
        }

        public void setUrlGroup(String urlGroup) {
            this.urlGroup = urlGroup;
        }

    }

}
