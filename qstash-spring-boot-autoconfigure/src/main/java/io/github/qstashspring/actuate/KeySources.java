package io.github.qstashspring.actuate;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import io.github.qstashspring.autoconfigure.QStashConnectionDetails;

/**
 * Says where a credential comes from without ever saying what it is: the origin of the
 * property that holds it (a line of {@code application.yml}, an environment variable, a
 * command-line argument) or the {@link QStashConnectionDetails} that supplied it (the
 * embedded broker's, for example).
 */
final class KeySources {

    /** What is answered for a credential that is not configured. */
    static final String NOT_CONFIGURED = "not configured";

    private final Environment environment;

    KeySources(Environment environment) {
        this.environment = environment;
    }

    /**
     * Where the connection details' value comes from: the property when the details hand
     * out the property's value, the details themselves otherwise.
     * @param value the value the connection details supply
     * @param property the {@code qstash.*} property that would hold it
     * @param connectionDetails the connection details
     * @return the source, never the value
     */
    String ofConnectionDetails(@Nullable String value, String property, QStashConnectionDetails connectionDetails) {
        if (value == null || value.isBlank()) {
            return NOT_CONFIGURED;
        }
        if (Objects.equals(value, this.environment.getProperty(property))) {
            return ofProperty(property);
        }
        return "connection details (" + connectionDetails.getClass().getSimpleName() + ")";
    }

    /**
     * Where a {@code qstash.*} property is set.
     * @param property its canonical name
     * @return its origin, or the name of the property source that holds it
     */
    String ofProperty(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                Origin origin = found.getOrigin();
                Object underlying = source.getUnderlyingSource();
                String sourceName = (underlying instanceof PropertySource<?> propertySource) ? propertySource.getName()
                        : String.valueOf(underlying);
                return (origin != null) ? origin.toString() : property + " in " + sourceName;
            }
        }
        return property;
    }

    /**
     * Where a variable such as {@code US_EAST_1_QSTASH_CURRENT_SIGNING_KEY} is set.
     * @param name the variable's exact name
     * @return its origin, the property source that holds it, or {@link #NOT_CONFIGURED}
     */
    String ofVariable(String name) {
        if (this.environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                        && source.containsProperty(name)) {
                    Origin origin = OriginLookup.getOrigin(source, name);
                    return (origin != null) ? origin.toString() : name + " in " + source.getName();
                }
            }
        }
        return (this.environment.getProperty(name) != null) ? name : NOT_CONFIGURED;
    }

}
