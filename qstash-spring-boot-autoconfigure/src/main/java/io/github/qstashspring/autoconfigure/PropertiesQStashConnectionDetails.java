package io.github.qstashspring.autoconfigure;

import org.jspecify.annotations.Nullable;

/** {@link QStashConnectionDetails} read from {@link QStashProperties}. */
final class PropertiesQStashConnectionDetails implements QStashConnectionDetails {

    private final QStashProperties properties;

    PropertiesQStashConnectionDetails(QStashProperties properties) {
        this.properties = properties;
    }

    @Override
    public String getUrl() {
        String url = this.properties.getUrl().trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public @Nullable String getToken() {
        return this.properties.getToken();
    }

    @Override
    public @Nullable String getCurrentSigningKey() {
        return this.properties.getCurrentSigningKey();
    }

    @Override
    public @Nullable String getNextSigningKey() {
        return this.properties.getNextSigningKey();
    }

}
