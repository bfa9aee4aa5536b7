package io.github.qstashspring.autoconfigure;

import io.github.qstashspring.client.QStashTemplate;

/**
 * Callback to customise the {@link QStashTemplate.Builder} the auto-configured template
 * is built with, after the {@code qstash.*} properties were applied. All beans of this
 * type are applied, in {@code @Order} / {@code Ordered} order.
 *
 * <pre>{@code
 * &#64;Bean
 * QStashTemplateCustomizer qstashOverTheJdkClient() {
 *     return (builder) -> builder.httpTransport(HttpTransport.JDK).readTimeout(Duration.ofMinutes(2));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface QStashTemplateCustomizer {

    /**
     * Customises the builder.
     * @param builder the builder, already configured from the properties
     */
    void customize(QStashTemplate.Builder builder);

}
