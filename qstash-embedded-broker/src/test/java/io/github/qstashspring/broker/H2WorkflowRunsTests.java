package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;

/** {@link WorkflowRunsTests} on an H2 in-memory database. */
class H2WorkflowRunsTests extends WorkflowRunsTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

}
