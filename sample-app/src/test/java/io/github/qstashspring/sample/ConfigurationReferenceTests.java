package io.github.qstashspring.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/configuration.md} complete: every {@code qstash.*} property in the
 * configuration metadata that our modules generate (every
 * {@code META-INF/spring-configuration-metadata.json} on this application's class path)
 * must be named, in backticks, in the reference.
 */
class ConfigurationReferenceTests {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @Test
    void everyPropertyOfOurModulesIsInTheConfigurationReference() throws IOException {
        Set<String> properties = qstashProperties();
        // The client, listener, schedule and embedded broker properties must all be seen,
        // or this
        // test would pass on an empty class path.
        assertThat(properties).contains("qstash.token", "qstash.listener.base-url", "qstash.schedule.enabled",
                "qstash.embedded.enabled");

        String reference = Files.readString(REFERENCE);
        List<String> missing = properties.stream().filter((name) -> !reference.contains("`" + name + "`")).toList();
        assertThat(missing).as("properties missing from %s", REFERENCE.normalize()).isEmpty();
    }

    private static Set<String> qstashProperties() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Set<String> names = new TreeSet<>();
        List<URL> resources = Collections
            .list(ConfigurationReferenceTests.class.getClassLoader().getResources(METADATA));
        for (URL resource : resources) {
            try (InputStream in = resource.openStream()) {
                JsonNode properties = json.readTree(in).path("properties");
                for (JsonNode property : properties) {
                    String name = property.path("name").asString();
                    if (name.startsWith("qstash.")) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

}
