package io.github.qstashspring.broker;

import io.github.qstashspring.broker.support.TestDatabases;

/** {@link FlowControlTests} on an H2 in-memory database. */
class H2FlowControlTests extends FlowControlTests {

    @Override
    protected String databaseUrl() {
        return TestDatabases.h2();
    }

}
