package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link WorkflowRunsTests} on PostgreSQL, in a fresh schema, when
 * {@code QSTASH_TEST_POSTGRES_URL} is set.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
class PostgresWorkflowRunsTests extends WorkflowRunsTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.postgres();
    }

}
