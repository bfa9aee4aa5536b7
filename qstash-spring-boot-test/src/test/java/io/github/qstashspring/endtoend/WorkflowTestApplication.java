package io.github.qstashspring.endtoend;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The application the workflow end-to-end tests run: its {@link Workflows}, a shop
 * endpoint they {@code call} over HTTP, and a {@link Journal} of what their step bodies
 * did.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ Workflows.class, ShopController.class })
class WorkflowTestApplication {

    @Bean
    Journal journal() {
        return new Journal();
    }

    /** What ran, per order id (an order's runs: the parent, its invoked child). */
    static class Journal {

        private final Map<String, List<String>> entries = new ConcurrentHashMap<>();

        void record(String orderId, String entry) {
            this.entries.computeIfAbsent(orderId, (id) -> new CopyOnWriteArrayList<>()).add(entry);
        }

        List<String> entries(String orderId) {
            return List.copyOf(this.entries.getOrDefault(orderId, List.of()));
        }

    }

}
