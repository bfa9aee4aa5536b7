package io.github.qstashspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code qstash} health indicator, under {@code management.health.qstash}
 * like the health settings of Spring Boot's own integrations.
 */
@ConfigurationProperties("management.health.qstash")
public class QStashHealthIndicatorProperties {

    /**
     * How long the result of a check (one GET /v2/queues) is reused before QStash is
     * asked again. Zero checks on every health request.
     */
    private Duration timeToLive = Duration.ofSeconds(30);

    public Duration getTimeToLive() {
        return this.timeToLive;
    }

    public void setTimeToLive(Duration timeToLive) {
        this.timeToLive = timeToLive;
    }

}
