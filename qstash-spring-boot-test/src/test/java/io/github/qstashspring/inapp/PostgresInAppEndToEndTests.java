package io.github.qstashspring.inapp;

import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link InAppEndToEndTests} with the broker on PostgreSQL, when
 * {@code QSTASH_TEST_POSTGRES_URL} is set.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
class PostgresInAppEndToEndTests extends InAppEndToEndTests {

    @DynamicPropertySource
    static void brokerOnPostgres(DynamicPropertyRegistry registry) {
        String url = TestDatabases.postgres();
        registry.add("qstash.embedded.database.url", () -> url);
    }

}
