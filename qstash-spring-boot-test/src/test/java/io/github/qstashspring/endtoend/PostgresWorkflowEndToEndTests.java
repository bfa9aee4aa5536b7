package io.github.qstashspring.endtoend;

import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link WorkflowEndToEndTests} with the broker on PostgreSQL (the test's own property
 * wins over the in-memory H2 of {@code @EmbeddedQStash}), when
 * {@code QSTASH_TEST_POSTGRES_URL} is set.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
class PostgresWorkflowEndToEndTests extends WorkflowEndToEndTests {

    @DynamicPropertySource
    static void brokerOnPostgres(DynamicPropertyRegistry registry) {
        String url = TestDatabases.postgres();
        registry.add("qstash.embedded.database.url", () -> url);
    }

}
