package io.github.qstashspring.broker.workflow;

import io.github.qstashspring.broker.support.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link WorkflowDeadLetterTests} on PostgreSQL, in a fresh schema, when
 * {@code QSTASH_TEST_POSTGRES_URL} is set.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_ENV, matches = ".+")
class WorkflowDeadLetterPostgresTests extends WorkflowDeadLetterTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.postgres();
    }

}
